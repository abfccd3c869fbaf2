package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.PostgresServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read/write split (RES-4) against a real streaming replica: a private primary and a hot standby made
 * from it with {@code pg_basebackup -R}, each its own postmaster. Catalog reads go to the replica; writes
 * land on the primary and reach the replica; a replica whose replay is paused past the lag bound, or that is
 * killed, leaves reads on the primary without a failed request; once it is healthy again reads go back.
 * The response cache is off, so every read reaches a database.
 */
class ReadReplicaPostgresTest {
    private static final String DETAIL = "/api/v1/datasets/1";
    /** Each of these runs at least one statement per request (a page's rows, a detail). */
    private static final List<String> ROW_READS = List.of("/api/v1/datasets", DETAIL, "/api/v1/datasets?q=air");
    /** These too, unless the repository still holds the aggregate of this catalog generation in memory. */
    private static final List<String> AGGREGATE_READS = List.of("/api/v1/stats", "/api/v1/folders");

    @TempDir
    Path tempDir;

    @Test
    void catalogReadsGoToTheReplicaWhileItIsHealthyAndToThePrimaryWhenItLagsOrDies() throws Exception {
        FixedLake lake = new FixedLake(CatalogFixture.datasets(5));
        try (PostgresServerProcess primary = PostgresServerProcess.start();
                PostgresServerProcess replica = primary.startReplica();
                ServiceUnderTest service = ServiceUnderTest.start(
                        DatabaseUnderTest.on(primary),
                        tempDir,
                        lake,
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        Map.of(
                                "DATABASE_REPLICA_URL",
                                replica.jdbcUrl(),
                                "DATABASE_REPLICA_MAX_LAG",
                                "2s",
                                "DATABASE_REPLICA_CHECK_INTERVAL",
                                "100ms",
                                "DB_REPLICA_CONNECTION_TIMEOUT",
                                "500ms",
                                "DB_POOL_MIN_IDLE",
                                "1",
                                "DB_REPLICA_POOL_MIN_IDLE",
                                "1",
                                "CACHE_ENABLED",
                                "false",
                                "CACHE_WARM_INTERVAL",
                                "off"))) {
            assertThat(queryLong(replica, "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END"))
                    .as("a read-only hot standby: nothing the service writes can land there")
                    .isEqualTo(1);
            service.awaitRefresh(1);
            ApiClient api = service.client();

            // The initial refresh wrote on the primary; the replica replayed it; reads go there.
            JsonNode split =
                    awaitSplit(api, s -> s.path("servingReads").asText().equals("REPLICA"));
            assertThat(queryLong(replica, "SELECT count(*) FROM datasets")).isEqualTo(5);
            long fromReplica = split.path("readsFromReplica").asLong();
            readAll(api);
            split = split(api);
            assertThat(split.path("readsFromReplica").asLong() - fromReplica)
                    .as("every catalog read of the round served by the replica")
                    .isGreaterThanOrEqualTo(ROW_READS.size());
            JsonNode health = api.get("/api/health/detailed", ServiceUnderTest.ADMIN_TOKEN)
                    .json();
            assertThat(health.path("components").path("replica").path("status").asText())
                    .isEqualTo("UP");
            assertThat(health.path("components").path("replica").path("detail").asText())
                    .startsWith("serving catalog reads");

            // A write through the service (a refresh that adds a dataset) lands on the primary, is read back at once
            // (from the primary while the replica has not replayed it), and then reaches the replica.
            lake.put(CatalogFixture.datasets(6).get(5));
            ApiClient.Response accepted = api.post("/api/v1/admin/refresh", ServiceUnderTest.ADMIN_TOKEN);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(service.awaitRefresh(accepted.json().path("refreshId").asLong())
                            .json()
                            .path("state")
                            .asText())
                    .isEqualTo("finished");
            assertThat(api.get("/api/v1/datasets").json().path("total").asInt())
                    .as("read right after the write")
                    .isEqualTo(6);
            assertThat(queryLong(primary, "SELECT count(*) FROM datasets")).isEqualTo(6);
            split = awaitSplit(api, s -> s.path("servingReads").asText().equals("REPLICA"));
            assertThat(queryLong(replica, "SELECT count(*) FROM datasets")).isEqualTo(6);
            fromReplica = split.path("readsFromReplica").asLong();
            assertThat(api.get("/api/v1/datasets").json().path("total").asInt()).isEqualTo(6);
            assertThat(split(api).path("readsFromReplica").asLong()).isGreaterThan(fromReplica);

            // Replay paused, then a write on the primary: once the replica is further behind than the bound, reads go
            // to the primary, which has the new name the replica lacks.
            execute(replica, "SELECT pg_wal_replay_pause()");
            execute(primary, "UPDATE datasets SET name = 'renamed on the primary' WHERE id = 1");
            split = awaitSplit(
                    api, s -> s.path("replica").path("state").asText().equals("LAGGING"));
            assertThat(split.path("servingReads").asText()).isEqualTo("PRIMARY");
            assertThat(split.path("replica").path("lagMillis").asLong()).isGreaterThan(2000);
            assertThat(api.get(DETAIL).json().path("name").asText()).isEqualTo("renamed on the primary");
            assertThat(queryString(replica, "SELECT name FROM datasets WHERE id = 1"))
                    .as("the replica has not replayed the rename: the read above came from the primary")
                    .isNotEqualTo("renamed on the primary");
            health = api.get("/api/health/detailed", ServiceUnderTest.ADMIN_TOKEN)
                    .json();
            assertThat(health.path("components").path("replica").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(health.path("components").path("replica").path("detail").asText())
                    .contains("LAGGING");
            assertThat(health.path("status").asText())
                    .as("the replica is optional")
                    .isEqualTo("UP");

            // Replay resumed: the replica catches up and takes the reads again.
            execute(replica, "SELECT pg_wal_replay_resume()");
            split = awaitSplit(api, s -> s.path("servingReads").asText().equals("REPLICA"));
            fromReplica = split.path("readsFromReplica").asLong();
            assertThat(api.get(DETAIL).json().path("name").asText()).isEqualTo("renamed on the primary");
            assertThat(split(api).path("readsFromReplica").asLong()).isGreaterThan(fromReplica);

            // The replica dies: once the service has noticed, every read is served by the primary, none fails.
            replica.killImmediately();
            split = awaitSplit(
                    api, s -> s.path("replica").path("state").asText().equals("DOWN"));
            fromReplica = split.path("readsFromReplica").asLong();
            long fromPrimary = split.path("readsFromPrimary").asLong();
            for (int round = 0; round < 4; round++) {
                readAll(api);
            }
            split = split(api);
            assertThat(split.path("readsFromReplica").asLong()).isEqualTo(fromReplica);
            assertThat(split.path("readsFromPrimary").asLong() - fromPrimary)
                    .isGreaterThanOrEqualTo(4L * ROW_READS.size());

            // Back: reads return to the replica without a restart of the service.
            replica.restart();
            split = awaitSplit(api, s -> s.path("servingReads").asText().equals("REPLICA"));
            fromReplica = split.path("readsFromReplica").asLong();
            assertThat(api.get(DETAIL).status()).isEqualTo(200);
            assertThat(split(api).path("readsFromReplica").asLong()).isGreaterThan(fromReplica);
            JsonNode stats = stats(api);
            assertThat(stats.path("replica").path("pool").path("pool").asText()).isEqualTo("catalog-replica");
            assertThat(stats.path("pool").path("pool").asText()).isEqualTo("catalog");
            String metrics =
                    api.get("/metrics", ServiceUnderTest.METRICS_TOKEN).raw().body();
            assertThat(metrics)
                    .contains("db_pool_active{pool=\"catalog-replica\"}")
                    .contains("db_replica_reads_total{served_by=\"replica\"}")
                    .contains("db_replica_lag_seconds");
        }
    }

    /** Every catalog read route once: each must answer 200. */
    private static void readAll(ApiClient api) {
        for (String path :
                Stream.concat(ROW_READS.stream(), AGGREGATE_READS.stream()).toList()) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path + ": " + r.raw().body()).isEqualTo(200);
        }
    }

    private static JsonNode awaitSplit(ApiClient api, Predicate<JsonNode> condition) {
        return api.await(
                        "/api/performance/stats",
                        ServiceUnderTest.METRICS_TOKEN,
                        r -> r.status() == 200
                                && condition.test(r.json().path("replica").path("split")))
                .json()
                .path("replica")
                .path("split");
    }

    private static JsonNode split(ApiClient api) {
        return stats(api).path("replica").path("split");
    }

    private static JsonNode stats(ApiClient api) {
        ApiClient.Response r = api.get("/api/performance/stats", ServiceUnderTest.METRICS_TOKEN);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static void execute(PostgresServerProcess server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long queryLong(PostgresServerProcess server, String sql) throws SQLException {
        return Long.parseLong(queryString(server, sql));
    }

    private static String queryString(PostgresServerProcess server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
