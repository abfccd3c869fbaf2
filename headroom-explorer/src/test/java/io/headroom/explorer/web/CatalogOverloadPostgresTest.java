package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When no pooled connection frees up in time, the catalog answers 503 with Retry-After, not 500. */
class CatalogOverloadPostgresTest {
    @TempDir
    Path tempDir;

    @Test
    void exhaustedPoolIs503WithRetryAfter() throws Exception {
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres();
                ServiceUnderTest service = ServiceUnderTest.start(
                        database,
                        tempDir,
                        new FixedLake(CatalogFixture.datasets(5)),
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        // No response cache: its warmer's own requests would compete for the one connection.
                        Map.of(
                                "DB_POOL_MAX",
                                "1",
                                "DB_POOL_MIN_IDLE",
                                "0",
                                "DB_CONNECTION_TIMEOUT",
                                "300ms",
                                "CACHE_ENABLED",
                                "false"))) {
            service.awaitRefresh(1);
            ApiClient api = service.client();
            CompletableFuture<ApiClient.Response> blocked;
            try (Connection locker = DriverManager.getConnection(database.jdbcUrl())) {
                locker.setAutoCommit(false);
                try (Statement s = locker.createStatement()) {
                    s.execute("LOCK TABLE datasets IN ACCESS EXCLUSIVE MODE");
                }
                // This request takes the only pooled connection and waits on the lock ...
                blocked = CompletableFuture.supplyAsync(() -> api.get("/api/v1/datasets?folder=health"));
                awaitLockWaiter(database);
                // ... so this one finds no connection within the timeout.
                ApiClient.Response refused = api.get("/api/v1/datasets/1");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                locker.rollback();
            }
            assertThat(blocked.get().status()).isEqualTo(200);
            assertThat(api.get("/api/v1/datasets/1").status()).isEqualTo(200);
        }
    }

    /** Waits until some session waits on a lock (the blocked request's query). */
    static void awaitLockWaiter(DatabaseUnderTest database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                Statement s = c.createStatement()) {
            Await.until(Duration.ofSeconds(30), "the first request waits on the lock", () -> {
                try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE '%FROM datasets%'")) {
                    rs.next();
                    return rs.getInt(1) > 0;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
