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
 * Start and stop (RES-3) against a PostgreSQL of the test's own: a service started while its database is
 * down stays up (live 200, ready 503) and serves once the database answers, without a restart; a request
 * in flight when the stop sequence begins still gets its answer.
 */
class StartStopPostgresTest {
    @TempDir
    Path tempDir;

    @Test
    void startedWithTheDatabaseDownItStaysUpNotReadyAndServesOnceTheDatabaseAnswers() throws Exception {
        try (PostgresServerProcess postgres = PostgresServerProcess.start()) {
            postgres.killImmediately();
            try (ServiceUnderTest service = ServiceUnderTest.start(
                    DatabaseUnderTest.on(postgres),
                    tempDir,
                    new FixedLake(CatalogFixture.datasets(5)),
                    Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                    Map.of("DB_CONNECTION_TIMEOUT", "500ms", "HEADROOM_START_RETRY_MAX", "300ms"))) {
                ApiClient api = service.client();
                assertThat(api.get("/api/health").status()).isEqualTo(200);
                ApiClient.Response ready = api.get("/api/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json()
                                .path("components")
                                .path("migrations")
                                .path("detail")
                                .asText())
                        .isEqualTo("not applied yet: waiting for the database");
                assertThat(ready.json()
                                .path("components")
                                .path("database")
                                .path("status")
                                .asText())
                        .isEqualTo("DOWN");
                assertThat(api.get("/api/v1/datasets").status()).isEqualTo(503);

                postgres.restart();
                api.await("/api/health/ready", null, r -> r.status() == 200);
                service.awaitRefresh(1);
                ApiClient.Response list = api.get("/api/v1/datasets");
                assertThat(list.status()).isEqualTo(200);
                assertThat(list.json().path("items").size()).isEqualTo(5);
            }
        }
    }

    @Test
    void aRequestInFlightWhenTheStopBeginsIsAnsweredBeforeThePoolCloses() throws Exception {
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
                ServiceUnderTest service = ServiceUnderTest.start(
                        DatabaseUnderTest.on(postgres),
                        tempDir,
                        new FixedLake(CatalogFixture.datasets(5)),
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        Map.of(
                                "CACHE_ENABLED",
                                "false",
                                "HEADROOM_SHUTDOWN_DELAY",
                                "0s",
                                "HEADROOM_SHUTDOWN_GRACE",
                                "30s"))) {
            service.awaitRefresh(1);
            ApiClient api = service.client();
            Connection locker = DriverManager.getConnection(postgres.jdbcUrl());
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE datasets IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<ApiClient.Response> inFlight =
                    CompletableFuture.supplyAsync(() -> api.get("/api/v1/datasets?folder=health"));
            awaitLockWaiter(postgres);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(service.server()::shutdown);
            api.await("/api/health/ready", null, r -> r.status() == 503);
            assertThat(stopped).as("the stop waits for the request in flight").isNotDone();
            locker.rollback(); // the lock goes: the request's query runs and it is answered
            locker.close();
            assertThat(inFlight.get().status()).isEqualTo(200);
            stopped.get();
        }
    }

    static void awaitLockWaiter(PostgresServerProcess postgres) throws Exception {
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
