package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.PostgresServerProcess;
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

/**
 * The database dies under the running service: the query in flight, and every request while it is
 * down, answer 503 with Retry-After (a problem document), never 500; once it is back, 200 again. The
 * test starts its own PostgreSQL (the shared one is never stopped) and kills it with
 * {@code pg_ctl stop -m immediate}, as a crash would.
 */
class DatabaseDeathPostgresTest {
    @TempDir
    Path tempDir;

    @Test
    void queryInFlightAndRequestsWhileDownAre503ThenRecover() throws Exception {
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
                ServiceUnderTest service = ServiceUnderTest.start(
                        DatabaseUnderTest.on(postgres),
                        tempDir,
                        new FixedLake(CatalogFixture.datasets(5)),
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        // No response cache: every request must reach the database.
                        Map.of(
                                "DB_POOL_MIN_IDLE",
                                "1",
                                "DB_POOL_MAX",
                                "4",
                                "DB_CONNECTION_TIMEOUT",
                                "500ms",
                                "CACHE_ENABLED",
                                "false"))) {
            service.awaitRefresh(1);
            ApiClient api = service.client();
            assertThat(api.get("/api/v1/datasets/1").status()).isEqualTo(200);

            Connection locker = DriverManager.getConnection(postgres.jdbcUrl());
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE datasets IN ACCESS EXCLUSIVE MODE");
            }
            // The request's query waits on the lock: it is mid-flight when the server dies.
            CompletableFuture<ApiClient.Response> inFlight =
                    CompletableFuture.supplyAsync(() -> api.get("/api/v1/datasets?folder=health"));
            awaitLockWaiter(postgres);
            postgres.killImmediately();
            locker.close(); // its server is gone; closing only releases the client side
            assertUnavailable(inFlight.get());
            assertUnavailable(api.get("/api/v1/datasets/2")); // down: no connection can be made
            assertUnavailable(api.get("/api/v1/stats"));

            postgres.restart();
            api.await("/api/v1/datasets/1", null, r -> r.status() == 200);
        }
    }

    private static void assertUnavailable(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("1");
    }

    private static void awaitLockWaiter(PostgresServerProcess postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
                Statement s = c.createStatement()) {
            Await.until(Duration.ofSeconds(30), "the request's query waits on the lock", () -> {
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
