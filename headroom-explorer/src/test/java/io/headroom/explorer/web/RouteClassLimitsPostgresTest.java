package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API class's concurrency limit (RATE-5) as the explorer wires it: with its one place held by a request
 * stuck on a locked table, another uncached read is a 503 with Retry-After at once (no wait queue), while a
 * response-cache hit, health, readiness and metrics are answered: they never ask for a connection.
 */
class RouteClassLimitsPostgresTest {
    @TempDir
    Path tempDir;

    @Test
    void aFullApiClassShedsDatabaseWorkButNotCacheHitsNorProbes() throws Exception {
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres();
                ServiceUnderTest service = ServiceUnderTest.start(
                        database,
                        tempDir,
                        new FixedLake(CatalogFixture.datasets(5)),
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        Map.of(
                                "HEADROOM_CONCURRENCY_LIMIT_API", "1",
                                "HEADROOM_CONCURRENCY_QUEUE", "0",
                                // long: a request that queued instead of being refused at once would show
                                "HEADROOM_CONCURRENCY_WAIT", "30s",
                                "HEADROOM_RATE_LIMITS", "off"))) {
            service.awaitRefresh(1);
            ApiClient api = service.client();
            api.await("/api/v1/datasets/1", null, r -> "HIT".equals(r.header("X-Cache")));
            try (Connection locker = DriverManager.getConnection(database.jdbcUrl())) {
                locker.setAutoCommit(false);
                try (Statement s = locker.createStatement()) {
                    s.execute("LOCK TABLE datasets IN ACCESS EXCLUSIVE MODE");
                }
                // An uncached read takes the API class's one place and waits on the lock ...
                CompletableFuture<ApiClient.Response> blocked =
                        CompletableFuture.supplyAsync(() -> api.get("/api/v1/datasets?folder=health"));
                CatalogOverloadPostgresTest.awaitLockWaiter(database);
                // ... so the next read that needs the database is shed at once,
                long began = System.nanoTime();
                ApiClient.Response refused = api.get("/api/v1/datasets?folder=other");
                long tookMillis = (System.nanoTime() - began) / 1_000_000;
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(tookMillis).as("not after the 30 s wait").isLessThan(10_000);
                // ... while a cache hit and the probes are answered.
                ApiClient.Response hit = api.get("/api/v1/datasets/1");
                assertThat(hit.status()).isEqualTo(200);
                assertThat(hit.header("X-Cache")).isEqualTo("HIT");
                assertThat(api.get("/api/health").status()).isEqualTo(200);
                assertThat(api.get("/api/health/ready").status()).isEqualTo(200);
                assertThat(api.get("/metrics", ServiceUnderTest.METRICS_TOKEN).status())
                        .isEqualTo(200);
                assertThat(blocked).isNotDone();
                locker.rollback();
                assertThat(blocked.get().status()).isEqualTo(200);
            }
            assertThat(api.get("/api/v1/datasets?folder=other").status())
                    .as("the place was given back")
                    .isEqualTo(200);
        }
    }
}
