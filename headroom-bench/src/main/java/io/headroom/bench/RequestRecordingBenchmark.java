package io.headroom.bench;

import io.headroom.toolkit.metrics.WindowedLatency;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request recording path of the monitoring core (MON-1, issue 3 target: under 200 ns
 * and no allocation). {@code record} is what the Helidon filter calls once per request: route
 * look-up, windowed HdrHistogram, status-class and byte counters, the Micrometer timer with its
 * percentile histogram, and the recent-requests ring. Run with {@code -prof gc} to see
 * {@code gc.alloc.rate.norm} (bytes allocated per operation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RequestRecordingBenchmark {
    private static final String[] ROUTES = {
        "/api/v1/datasets",
        "/api/v1/datasets/{id}",
        "/api/v1/datasets/{id}/columns",
        "/api/v1/search",
        "/api/v1/folders/{path}",
        "/api/health",
        "/api/v1/stats",
        "/metrics"
    };
    private static final int[] STATUSES = {200, 200, 200, 200, 304, 200, 404, 500};

    private RequestMonitor monitor;
    private Timer timer;
    private WindowedLatency latency;
    private long sequence;

    @Setup
    public void setUp() {
        monitor = new RequestMonitor(Duration.ofSeconds(2), 1000, 6);
        latency = new WindowedLatency(6);
        timer = Timer.builder("http.server.requests")
                .tag("method", "GET")
                .tag("uri", "/api/v1/datasets/{id}")
                .tag("status", "2xx")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        for (String route : ROUTES) { // routes are created once, at their first request; measure the steady state
            monitor.record("GET", route, 200, 1_000_000, 100, 0);
        }
    }

    /** What the loop costs without recording: the floor to subtract. */
    @Benchmark
    public void baseline(Blackhole bh) {
        long i = sequence++;
        bh.consume(ROUTES[(int) (i & 7)]);
        bh.consume(STATUSES[(int) ((i >> 3) & 7)]);
        bh.consume(200_000 + (i & 0xFFFF) * 31);
    }

    @Benchmark
    public void record() {
        long i = sequence++;
        monitor.record(
                "GET", ROUTES[(int) (i & 7)], STATUSES[(int) ((i >> 3) & 7)], 200_000 + (i & 0xFFFF) * 31, 2048, i);
    }

    /**
     * The alternative we did not take: one Micrometer Prometheus timer with a percentile
     * histogram, as {@code Timer.record} per request (the first version of the filter did this
     * on top of {@code record}).
     */
    @Benchmark
    public void micrometerTimerOnly() {
        long i = sequence++;
        timer.record(200_000 + (i & 0xFFFF) * 31, TimeUnit.NANOSECONDS);
    }

    /** The windowed HdrHistogram alone. */
    @Benchmark
    public void histogramOnly() {
        long i = sequence++;
        latency.recordNanos(200_000 + (i & 0xFFFF) * 31);
    }
}
