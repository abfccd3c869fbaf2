package io.headroom.toolkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RedisServerProcess;
import io.headroom.toolkit.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Buckets shared through a real Redis by two limiters (two instances), and what happens when Redis dies. */
class RedisBucketsTest {
    private final RateLimit ten = new RateLimit("api", 10, Duration.ofMinutes(10));

    @Test
    void twoInstancesDrawingAtOnceShareOneBucketExactly() throws Exception {
        TestRedis redis = TestRedis.require();
        try (RateLimiter a = new RateLimiter(
                        new RedisBucketStore(redis.url(), Duration.ofSeconds(2), redis.keyPrefix()), SlowDown.off());
                RateLimiter b = new RateLimiter(
                        new RedisBucketStore(redis.url(), Duration.ofSeconds(2), redis.keyPrefix()), SlowDown.off());
                ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Callable<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RateLimiter limiter = i % 2 == 0 ? a : b;
                takes.add(() ->
                        limiter.acquire(List.of(new Quota(ten, "ip:192.0.2.1"))).allowed());
            }
            long allowed = 0;
            for (Future<Boolean> f : threads.invokeAll(takes)) {
                allowed += f.get() ? 1 : 0;
            }
            assertThat(allowed)
                    .as("atomic compare-and-swap: not one token more than the limit")
                    .isEqualTo(10);
        }
    }

    @Test
    void withRedisDownEachInstanceEnforcesItsShareNeverNoLimitAndRedisTakesOverAgain() {
        try (RedisServerProcess redis = RedisServerProcess.start();
                FallbackBucketStore store = new FallbackBucketStore(
                        () -> new RedisBucketStore(redis.url(), Duration.ofMillis(250), "rl:"),
                        new LocalBucketStore(1000, Duration.ofMinutes(10)),
                        2,
                        Duration.ofMillis(300))) {
            RateLimiter limiter = new RateLimiter(store, SlowDown.off());
            assertThat(limiter.acquire(List.of(new Quota(ten, "k"))).allowed()).isTrue();
            assertThat(store.describe()).isEqualTo("redis");

            redis.kill();
            long allowed = 0;
            for (int i = 0; i < 30; i++) {
                allowed += limiter.acquire(List.of(new Quota(ten, "k"))).allowed() ? 1 : 0;
            }
            assertThat(store.describe()).isEqualTo("local-fallback");
            assertThat(allowed)
                    .as("10 / 2 instances = 5 per instance while Redis is down")
                    .isEqualTo(5);

            redis.restart();
            Await.until(Duration.ofSeconds(30), "Redis buckets take over again", () -> {
                limiter.acquire(List.of(new Quota(ten, "other")));
                return store.describe().equals("redis");
            });
        }
    }
}
