package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.Exchange;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LoadClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.testing.SteadyLoad;
import io.headroom.toolkit.testing.TestRedis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits across instances (RATE-4): two instances sharing their buckets through Redis, hammered at
 * once by one client, let through the configured quota, not a quota per instance. Counted exactly: every
 * answer is a 200 or a 429.
 */
class RateLimitsTwoInstancesTest {
    /** The API quota: one window long enough that refills during the test are a token or two at most. */
    private static final int QUOTA = 300;

    @TempDir
    Path tempDir;

    @Test
    void twoInstancesHammeredAtOnceLetThroughTheConfiguredQuotaWithinFivePercent() {
        TestRedis redis = TestRedis.require();
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            List<ServiceUnderTest> instances = ServiceUnderTest.twoInstances(
                    database,
                    tempDir,
                    new FixedLake(CatalogFixture.datasets(5)),
                    Map.of(
                            "REDIS_URL", redis.url(),
                            "CACHE_KEY_PREFIX", redis.keyPrefix(),
                            "HEADROOM_RATE_LIMITS", "on",
                            "HEADROOM_RATE_LIMIT_API", QUOTA + "/1h",
                            "HEADROOM_RATE_LIMIT_IP", "100000/1h",
                            "HEADROOM_RATE_LIMIT_USER", "100000/1h",
                            "HEADROOM_RATE_LIMIT_SLOW_DOWN_AT", "100", // refused at the quota, never slowed first
                            "HEADROOM_TRUSTED_PROXIES", "127.0.0.1"));
            try {
                LoadClient client = new LoadClient();
                Map<String, String> oneClient = Map.of("X-Forwarded-For", "203.0.113.7");
                // Two workers per instance, alternating, all as one client behind the trusted proxy.
                SteadyLoad load = SteadyLoad.start(
                        4, n -> client.get(instances.get((int) (n % 2)).port(), "/api/v1/stats/quick", oneClient));
                long started = System.nanoTime();
                List<Exchange> exchanges;
                try {
                    load.awaitMore(QUOTA + 200);
                } finally {
                    exchanges = load.stop();
                }
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                long allowed = exchanges.stream().filter(Exchange::ok).count();
                long refused = exchanges.stream().filter(e -> e.status() == 429).count();
                System.out.printf(
                        "rate limit %d/1h shared by two instances: %d requests in %d s, %d allowed (%.2f %% of the quota;"
                                + " %d on one instance, %d on the other), %d refused%n",
                        QUOTA,
                        exchanges.size(),
                        seconds,
                        allowed,
                        100.0 * allowed / QUOTA,
                        allowedOn(exchanges, instances.get(0)),
                        allowedOn(exchanges, instances.get(1)),
                        refused);
                assertThat(allowed + refused).as("every answer a 200 or a 429").isEqualTo(exchanges.size());
                assertThat(allowed)
                        .as("the fleet lets the configured quota through, within 5 %")
                        .isBetween((long) (QUOTA * 0.95), (long) (QUOTA * 1.05));
                assertThat(allowedOn(exchanges, instances.get(0)))
                        .as("both instances took from the one bucket")
                        .isPositive();
                assertThat(allowedOn(exchanges, instances.get(1))).isPositive();
            } finally {
                instances.forEach(ServiceUnderTest::close);
            }
        }
    }

    private static long allowedOn(List<Exchange> exchanges, ServiceUnderTest instance) {
        return exchanges.stream()
                .filter(e -> e.port() == instance.port() && e.ok())
                .count();
    }
}
