package io.headroom.explorer.refresh;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one PostgreSQL catalog, both starting on it empty, with a short schedule:
 * refreshes run one at a time, the schedule is shared (one refresh per interval, not one per instance),
 * and no dataset is ever lost while they alternate.
 */
class TwoInstancesRefreshPostgresTest {
    private static final int DATASETS = 300;
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final int REFRESHES = 8;

    @TempDir
    Path tempDir;

    @Test
    void refreshesRunOneAtATimeOnTheSharedScheduleAndNoDatasetIsEverLost() throws Exception {
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            FixedLake lake = new FixedLake(CatalogFixture.datasets(DATASETS)); // both instances list this lake
            lake.hold(); // refresh 1 waits before its first write: the second instance also starts on an empty catalog
            Map<String, String> settings = Map.of("HEADROOM_REFRESH_INTERVAL", INTERVAL.toMillis() + "ms");
            try (ServiceUnderTest first = ServiceUnderTest.start(
                            database, tempDir.resolve("a"), lake, Optional.of(ServiceUnderTest.ADMIN_TOKEN), settings);
                    ServiceUnderTest second = ServiceUnderTest.start(
                            database, tempDir.resolve("b"), lake, Optional.of(ServiceUnderTest.ADMIN_TOKEN), settings);
                    Connection c = DriverManager.getConnection(database.jdbcUrl())) {
                // The second instance found the catalog empty too, and refresh 1 of the first running.
                assertThat(number(c, "SELECT COUNT(*) FROM refresh_log")).isEqualTo(1);
                ApiClient.Response conflict =
                        second.client().post("/api/v1/admin/refresh", ServiceUnderTest.ADMIN_TOKEN);
                assertThat(conflict.status()).isEqualTo(409);
                assertThat(conflict.json().path("detail").asText()).contains("Refresh 1 ");

                AtomicBoolean polling = new AtomicBoolean(true);
                CompletableFuture<List<Long>> counts =
                        CompletableFuture.supplyAsync(() -> pollCount(database, polling));
                lake.open();
                Await.until(
                        Duration.ofSeconds(90),
                        REFRESHES + " refreshes ended, run by both instances",
                        () -> number(c, "SELECT COUNT(*) FROM refresh_log WHERE finished_at IS NOT NULL") >= REFRESHES
                                && number(c, "SELECT COUNT(DISTINCT owner) FROM refresh_log") == 2);
                polling.set(false);

                List<Long> samples = counts.get();
                int full = samples.indexOf((long) DATASETS);
                assertThat(full).as("the catalog filled up while polled").isNotNegative();
                assertThat(samples.subList(full, samples.size()))
                        .as("once full, the count never drops")
                        .allMatch(count -> count == DATASETS);
                assertThat(samples.size() - full)
                        .as("polled while later refreshes ran")
                        .isGreaterThan(REFRESHES);
                assertThat(number(c, "SELECT COUNT(*) FROM datasets")).isEqualTo(DATASETS);

                List<Run> runs = runs(c);
                assertThat(runs)
                        .filteredOn(run -> run.finishedAt() != null)
                        .allMatch(run -> run.state().equals("FINISHED"));
                for (int i = 1; i < runs.size(); i++) {
                    Run previous = runs.get(i - 1);
                    Run next = runs.get(i);
                    assertThat(next.startedAt())
                            .as("refresh %d starts after %d ended", next.id(), previous.id())
                            .isAfterOrEqualTo(previous.finishedAt());
                    // Every later refresh is a scheduled one: an interval after the last end, whoever ran it.
                    assertThat(next.startedAt())
                            .as("refresh %d waits an interval after %d", next.id(), previous.id())
                            .isAfterOrEqualTo(previous.finishedAt().plus(INTERVAL));
                }
            }
        }
    }

    private record Run(long id, String state, String owner, OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

    private static List<Run> runs(Connection c) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT id, state, owner, started_at, finished_at FROM refresh_log ORDER BY id")) {
            while (rs.next()) {
                runs.add(new Run(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class)));
            }
        }
        Set<String> owners = new HashSet<>();
        runs.forEach(run -> owners.add(run.owner()));
        assertThat(owners).hasSize(2);
        return runs;
    }

    /** The dataset count, sampled as fast as one connection allows until told to stop. */
    private static List<Long> pollCount(DatabaseUnderTest database, AtomicBoolean polling) {
        List<Long> samples = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl())) {
            while (polling.get()) {
                samples.add(number(c, "SELECT COUNT(*) FROM datasets"));
                LockSupport.parkNanos(2_000_000); // polling pace only; nothing is timed
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return samples;
    }

    private static long number(Connection c, String sql) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
