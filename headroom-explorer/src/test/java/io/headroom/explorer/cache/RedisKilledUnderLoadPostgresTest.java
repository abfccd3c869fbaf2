package io.headroom.explorer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.Exchange;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LoadClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.testing.SteadyLoad;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis killed (SIGKILL) and restarted under load, two instances sharing it (CACHE-8, RATE-4): every
 * request is still answered, from each instance's in-process cache; the rate limits fall back to
 * per-instance buckets holding the quota / HEADROOM_RATE_LIMIT_INSTANCES (never to "no limit"); once
 * Redis is back both use it again without a restart: an invalidation crosses instances and the buckets
 * are shared again.
 */
class RedisKilledUnderLoadPostgresTest {
    private static final int QUOTA = 20;

    @TempDir
    Path tempDir;

    /** Each address is a new client behind the trusted proxy, with full buckets. */
    private final AtomicInteger clients = new AtomicInteger();

    private final LoadClient client = new LoadClient();

    @Test
    void theServiceAnswersThroughoutFallsBackToLocalLimitsAndUsesRedisAgainOnceItIsBack() {
        try (RedisServerProcess redis = RedisServerProcess.start();
                DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            List<ServiceUnderTest> instances = ServiceUnderTest.twoInstances(
                    database,
                    tempDir,
                    new FixedLake(CatalogFixture.datasets(10)),
                    Map.ofEntries(
                            Map.entry("REDIS_URL", redis.url()),
                            // Long enough that a cold start's first scripts do not time out on a loaded machine; the
                            // outage is seen at
                            // once anyway (the connection drops, and a disconnected client refuses commands).
                            Map.entry("REDIS_TIMEOUT", "2s"),
                            Map.entry("REDIS_CIRCUIT_OPEN_FOR", "500ms"),
                            Map.entry("CACHE_SYNC_INTERVAL", "200ms"),
                            Map.entry("CACHE_WARM_INTERVAL", "off"),
                            Map.entry("HEADROOM_RATE_LIMITS", "on"),
                            Map.entry("HEADROOM_RATE_LIMIT_API", QUOTA + "/1h"),
                            Map.entry("HEADROOM_RATE_LIMIT_IP", "100000/1h"),
                            Map.entry("HEADROOM_RATE_LIMIT_USER", "100000/1h"),
                            Map.entry("HEADROOM_RATE_LIMIT_SLOW_DOWN_AT", "100"),
                            Map.entry("HEADROOM_RATE_LIMIT_INSTANCES", "2"),
                            Map.entry("HEADROOM_TRUSTED_PROXIES", "127.0.0.1")));
            try {
                ServiceUnderTest a = instances.get(0);
                ServiceUnderTest b = instances.get(1);
                assertThat(quotaOfOneClient(a, b))
                        .as(
                                "Redis up: one client's quota is shared, all of it used on one instance, none left on the other")
                        .containsExactly(QUOTA, 0);

                SteadyLoad load = SteadyLoad.start(
                        4,
                        n -> client.get(
                                instances.get((int) (n % 2)).port(), path(n), Map.of("X-Forwarded-For", newClient())));
                List<Exchange> exchanges;
                try {
                    load.awaitMore(50);
                    redis.kill();
                    load.awaitMore(100);
                    assertThat(quotaOfOneClient(a, b))
                            .as("Redis down: each instance enforces its share, the quota / 2, from its own buckets")
                            .containsExactly(QUOTA / 2, QUOTA / 2);
                    load.awaitMore(100);

                    redis.restart();
                    instances.forEach(i -> Await.until(
                            Duration.ofSeconds(60),
                            ":" + i.port() + "'s cache uses Redis again",
                            () -> i.server().cache().cache().stats().redis() == SharedStore.StoreState.UP));
                    awaitSharedBuckets(instances);
                    load.awaitMore(100);
                } finally {
                    exchanges = load.stop();
                }
                long slowest =
                        exchanges.stream().mapToLong(Exchange::millis).max().orElse(-1);
                System.out.printf(
                        "Redis killed and restarted under load: %d requests on two instances, %d failed, slowest %d ms%n",
                        exchanges.size(),
                        exchanges.stream().filter(e -> !e.ok()).count(),
                        slowest);
                assertThat(exchanges)
                        .as("every request answered 200 throughout")
                        .allMatch(Exchange::ok);

                assertThat(quotaOfOneClient(a, b))
                        .as("Redis back: the quota is shared again")
                        .containsExactly(QUOTA, 0);
                // The shared level again: an invalidation on one instance reaches the other's in-process cache.
                client.get(b.port(), "/api/v1/folders", Map.of("X-Forwarded-For", newClient()));
                assertThat(b.server().cache().folders().getIfPresent("public|list"))
                        .isPresent();
                assertThat(a.client()
                                .delete("/api/v1/admin/cache?keyspace=folders", ServiceUnderTest.ADMIN_TOKEN)
                                .status())
                        .isEqualTo(200);
                Await.until(
                        Duration.ofSeconds(10),
                        "b drops the folder list a invalidated",
                        () -> b.server()
                                .cache()
                                .folders()
                                .getIfPresent("public|list")
                                .isEmpty());
            } finally {
                instances.forEach(ServiceUnderTest::close);
            }
        }
    }

    /** Until each instance's rate limits use Redis (a new client's first answer shows the whole quota, not a share). */
    private void awaitSharedBuckets(List<ServiceUnderTest> instances) {
        instances.forEach(i -> Await.until(
                Duration.ofSeconds(60),
                ":" + i.port() + "'s rate limits use Redis",
                () -> remainingForANewClient(i) == QUOTA - 1));
    }

    /** Cached and uncached reads. */
    private static String path(long n) {
        return n % 2 == 0 ? "/api/v1/datasets/" + (1 + n % 10) : "/api/v1/datasets?minSize=" + n;
    }

    private String newClient() {
        int n = clients.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** One new client's requests to {@code first} until a 429, then to {@code second}: how many each let through. */
    private List<Integer> quotaOfOneClient(ServiceUnderTest first, ServiceUnderTest second) {
        String address = newClient();
        return List.of(allowedUntilRefused(first, address), allowedUntilRefused(second, address));
    }

    private int allowedUntilRefused(ServiceUnderTest instance, String address) {
        for (int allowed = 0; allowed <= 10 * QUOTA; allowed++) {
            Exchange e = client.get(instance.port(), "/api/v1/stats/quick", Map.of("X-Forwarded-For", address));
            if (e.status() == 429) {
                return allowed;
            }
            assertThat(e.status()).as(e.toString()).isEqualTo(200);
        }
        throw new AssertionError("no limit: " + 10 * QUOTA + " requests of " + address + " let through");
    }

    /** The {@code r} of the RateLimit field on a new client's first answer. */
    private int remainingForANewClient(ServiceUnderTest instance) {
        String field = client.get(instance.port(), "/api/v1/stats/quick", Map.of("X-Forwarded-For", newClient()))
                .header("RateLimit");
        return Integer.parseInt(field.replaceFirst(".*;r=(\\d+);.*", "$1"));
    }
}
