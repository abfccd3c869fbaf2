package io.headroom.bench;

import io.headroom.toolkit.ratelimit.LocalBucketStore;
import io.headroom.toolkit.ratelimit.Quota;
import io.headroom.toolkit.ratelimit.RateLimit;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.toolkit.ratelimit.RedisBucketStore;
import io.headroom.toolkit.ratelimit.SlowDown;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a rate limit costs a request (issue 11, item 8): the three takes an API request makes (address,
 * user, route class), from buckets in the process and from buckets in Redis (HEADROOM_BENCH_REDIS_URL,
 * default redis://127.0.0.1:6379), against the baseline of building the same quotas without taking
 * anything. Limits are high enough never to refuse; clients rotate over 1,000 addresses.
 * Run: bench/jmh RateLimiterBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimiterBenchmark {
    private final RateLimit ip = new RateLimit("ip", 1_000_000_000L, Duration.ofSeconds(1));
    private final RateLimit user = new RateLimit("user", 1_000_000_000L, Duration.ofSeconds(1));
    private final RateLimit api = new RateLimit("api", 1_000_000_000L, Duration.ofSeconds(1));
    private final String[] clients = new String[1000];
    private RateLimiter local;
    private RateLimiter redis;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        for (int i = 0; i < clients.length; i++) {
            clients[i] = "ip:198.51." + (i / 256) + "." + (i % 256);
        }
        local = new RateLimiter(new LocalBucketStore(100_000, Duration.ofMinutes(1)), SlowDown.off());
        String url = System.getenv().getOrDefault("HEADROOM_BENCH_REDIS_URL", "redis://127.0.0.1:6379");
        redis = new RateLimiter(
                new RedisBucketStore(
                        url,
                        Duration.ofSeconds(2),
                        "bench:rl:" + ProcessHandle.current().pid() + ":"),
                SlowDown.off());
    }

    @TearDown(Level.Trial)
    public void close() {
        local.close();
        redis.close();
    }

    private List<Quota> quotas() {
        String client = clients[next++ % clients.length];
        return List.of(new Quota(ip, client), new Quota(user, client), new Quota(api, client));
    }

    @Benchmark
    public List<Quota> baseline() {
        return quotas();
    }

    @Benchmark
    public boolean local() {
        return local.acquire(quotas()).allowed();
    }

    @Benchmark
    public boolean redis() {
        return redis.acquire(quotas()).allowed();
    }
}
