package io.headroom.toolkit.cache;

import static io.headroom.toolkit.cache.InProcessCacheTest.bytes;
import static io.headroom.toolkit.cache.InProcessCacheTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.cache.redis.RedisSharedStore;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RedisServerProcess;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** CACHE-8 against a private redis-server that the test kills and restarts. */
class RedisOutageTest {

    @Test
    void keepsAnsweringWhileRedisIsDownThenReconnectsAndReplaysInvalidations() {
        try (RedisServerProcess redis = RedisServerProcess.start();
                TwoLevelCache a = instance(redis, "a");
                TwoLevelCache b = instance(redis, "b")) {
            KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
            KeyspaceCache<byte[]> onB = b.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
            AtomicReference<String> database = new AtomicReference<>("v1");
            onA.getOrLoad("page:1", () -> bytes(database.get()));
            onB.getOrLoad("page:1", () -> bytes(database.get()));
            // The starting point, not the claim: with a 200 ms command timeout one slow answer on a loaded machine
            // marks Redis down for a moment, so wait until both instances see it up before killing it.
            Await.until(Duration.ofSeconds(20), "both instances see Redis up", () -> {
                a.maintain();
                b.maintain();
                return a.stats().redis() == SharedStore.StoreState.UP
                        && b.stats().redis() == SharedStore.StoreState.UP;
            });
            assertThat(onB.getIfPresent("page:1"))
                    .as("b holds v1 before the outage")
                    .isPresent();

            redis.kill();
            long worstNanos = 0;
            for (int i = 0; i < 200; i++) { // every request succeeds, from L1 or from the "database"
                long start = System.nanoTime();
                String key = "page:" + (i % 20);
                assertThat(text(onA.getOrLoad(key, () -> bytes(database.get()))))
                        .isEqualTo("v1");
                worstNanos = Math.max(worstNanos, System.nanoTime() - start);
            }
            System.out.printf(
                    "Redis down: 200 requests, slowest %.1f ms, store state %s%n",
                    worstNanos / 1e6, a.stats().redis());
            assertThat(a.stats().redis()).isNotEqualTo(SharedStore.StoreState.UP);

            database.set("v2");
            onA.invalidate("page:1"); // cannot reach Redis: applied here, queued for the others
            assertThat(text(onA.getOrLoad("page:1", () -> bytes(database.get()))))
                    .isEqualTo("v2");

            redis.restart();
            Await.until(Duration.ofSeconds(20), "a reconnects", () -> {
                a.maintain();
                return a.stats().redis() == SharedStore.StoreState.UP;
            });
            // b kept v1 through the outage; the replayed invalidation (or the version check, since
            // the restarted Redis lost its versions) must make it drop it.
            Await.until(Duration.ofSeconds(20), "b drops the entry invalidated during the outage", () -> {
                a.maintain();
                b.maintain();
                return onB.getIfPresent("page:1").isEmpty();
            });
            assertThat(text(onB.getOrLoad("page:1", () -> bytes(database.get()))))
                    .isEqualTo("v2");
            assertThat(a.stats().redisErrors()).isPositive();
        }
    }

    private static TwoLevelCache instance(RedisServerProcess redis, String id) {
        return TwoLevelCache.builder()
                .instanceId(id)
                .syncInterval(Duration.ofMillis(200))
                .shared(new RedisSharedStore(redis.url(), "outage:", Duration.ofMillis(200), Duration.ofMillis(500)))
                .build();
    }
}
