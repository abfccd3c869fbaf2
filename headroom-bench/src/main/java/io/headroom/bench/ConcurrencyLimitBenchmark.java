package io.headroom.bench;

import com.netflix.concurrency.limits.Limiter;
import io.headroom.toolkit.resilience.AdmissionSettings;
import io.headroom.toolkit.resilience.ConcurrencyLimit;
import io.headroom.toolkit.resilience.ConcurrencyLimits;
import io.headroom.toolkit.resilience.LimitAlgorithm;
import io.headroom.toolkit.resilience.RequestAdmission;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the concurrency limit costs a request (issue 11, item 8; RATE-5): one permit taken and given back
 * (Gradient2, Vegas), and a request's whole path through the per-class limits (enter, the claim at its
 * first database connection, close), against the baseline of entering a class that has no limit. Never
 * refused: the ceiling is far above the one thread in flight.
 * Run: bench/jmh ConcurrencyLimitBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConcurrencyLimitBenchmark {
    private final ConcurrencyLimit gradient2 = new ConcurrencyLimit(
            "gradient2", new AdmissionSettings(1000, 100, Duration.ofMillis(200), LimitAlgorithm.GRADIENT2));
    private final ConcurrencyLimit vegas = new ConcurrencyLimit(
            "vegas", new AdmissionSettings(1000, 100, Duration.ofMillis(200), LimitAlgorithm.VEGAS));
    private final ConcurrencyLimits<String> limits = ConcurrencyLimits.<String>none()
            .with(
                    "api",
                    "api",
                    new AdmissionSettings(1000, 100, Duration.ofMillis(200)),
                    ConcurrencyLimits.Admit.ON_DATABASE_WORK);

    @Benchmark
    public boolean baseline() {
        try (RequestAdmission admission = limits.enter("exempt")) {
            return admission.refused();
        }
    }

    @Benchmark
    public boolean gradient2() {
        return takeAndGiveBack(gradient2);
    }

    @Benchmark
    public boolean vegas() {
        return takeAndGiveBack(vegas);
    }

    @Benchmark
    public boolean request() throws Exception {
        try (RequestAdmission admission = limits.enter("api")) {
            RequestAdmission.claimCurrent();
            return admission.refused();
        }
    }

    private static boolean takeAndGiveBack(ConcurrencyLimit limit) {
        Optional<Limiter.Listener> permit = limit.acquire();
        permit.ifPresent(Limiter.Listener::onSuccess);
        return permit.isPresent();
    }
}
