package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.monitor.DatabaseHealth;
import io.headroom.toolkit.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statement timing through the proxy against the real PostgreSQL, with real slow statements (pg_sleep). */
class QueryMonitorPostgresTest {
    private static TestPostgres pg;
    private static HikariDataSource pool;

    @BeforeAll
    static void createSchema() {
        pg = TestPostgres.createSchema();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl());
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void dropSchema() {
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static QueryMonitor monitor() {
        return new QueryMonitor(Duration.ofMillis(100), Duration.ofMillis(300), 6, new SimpleMeterRegistry());
    }

    @Test
    void slowStatementsAreLoggedAsWarningOrErrorByThreshold() throws SQLException {
        QueryMonitor monitor = monitor(); // warning at 100 ms, error at 300 ms
        DataSource ds = new MonitoredDataSource(pool, monitor);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.15)");
            s.execute("SELECT pg_sleep(0.35)");
            s.execute("SELECT 1");
        }
        QueryStats stats = monitor.snapshot(10);
        assertThat(stats.total()).isEqualTo(3);
        // pg_sleep(0.35) is over the error threshold whatever the machine does; pg_sleep(0.15) is at
        // least a warning (an error if the machine stalled it past 300 ms). Every entry's level must
        // match its own measured duration.
        assertThat(stats.slowErrors()).isGreaterThanOrEqualTo(1);
        assertThat(stats.slowWarnings() + stats.slowErrors())
                .isEqualTo(stats.slowQueries().size());
        assertThat(stats.slowQueries().stream()
                        .filter(q -> q.sql().equals("SELECT pg_sleep(?)"))
                        .count())
                .isEqualTo(2);
        for (SlowQuery q : stats.slowQueries()) {
            assertThat(q.durationMs()).isGreaterThanOrEqualTo(100);
            assertThat(q.level()).isEqualTo(q.durationMs() >= 300 ? "ERROR" : "WARNING");
        }
        assertThat(stats.slowQueries().get(0).sql()).as("newest first").isIn("SELECT pg_sleep(?)", "SELECT ?");
        assertThat(stats.topStatements().get(0).sql()).isEqualTo("SELECT pg_sleep(?)");
        assertThat(stats.topStatements().get(0).count()).isEqualTo(2);
        assertThat(stats.topStatements().get(0).totalMs()).isGreaterThanOrEqualTo(500);
        assertThat(stats.byType()).containsOnlyKeys("SELECT");
        assertThat(monitor.summaryLine()).contains("3 total").contains("pg_sleep");
    }

    @Test
    void preparedStatementsWithDifferentValuesShareOneNormalisedEntry() throws SQLException {
        QueryMonitor monitor = monitor();
        DataSource ds = new MonitoredDataSource(pool, monitor);
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "n" + i);
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT name FROM items WHERE id = 1").close();
                s.executeQuery("SELECT name FROM items WHERE id = 2").close();
            }
        }
        QueryStats stats = monitor.snapshot(10);
        assertThat(stats.topStatements())
                .extracting(QueryStatement::sql)
                .contains("INSERT INTO items VALUES (?, ?)", "SELECT name FROM items WHERE id = ?");
        assertThat(stats.topStatements())
                .filteredOn(q -> q.sql().startsWith("SELECT name"))
                .singleElement()
                .extracting(QueryStatement::count)
                .isEqualTo(2L);
        assertThat(stats.byType()).containsKeys("INSERT", "SELECT", "OTHER");
        assertThat(stats.byType().get("INSERT").sinceStart().count()).isEqualTo(3);
    }

    @Test
    void failedStatementsAreCountedAndRethrown() throws SQLException {
        QueryMonitor monitor = monitor();
        DataSource ds = new MonitoredDataSource(pool, monitor);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
        }
        QueryStats stats = monitor.snapshot(10);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.topStatements().get(0).failures()).isEqualTo(1);
    }

    @Test
    void statementTimeIsChargedToTheRequestRunningIt() throws SQLException {
        QueryMonitor monitor = monitor();
        DataSource ds = new MonitoredDataSource(pool, monitor);
        RequestCost cost = RequestCost.begin();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.05)");
            s.execute("SELECT 1");
        }
        RequestCost.Breakdown breakdown = cost.end();
        assertThat(breakdown.dbStatements()).isEqualTo(2);
        assertThat(breakdown.dbMs()).isGreaterThanOrEqualTo(50);
        assertThat(RequestCost.current()).isNull();
    }

    @Test
    void unwrapReachesTheHikariPool() throws SQLException {
        DataSource ds = new MonitoredDataSource(pool, monitor());
        assertThat(ds.unwrap(HikariDataSource.class)).isSameAs(pool);
    }

    @Test
    void databaseHealthReadsPostgresStatistics() {
        DatabaseHealth.Report report = new DatabaseHealth(pool).read();
        assertThat(report.supported()).isTrue();
        assertThat(report.database()).isEqualTo("PostgreSQL");
        assertThat(report.connectionsByState()).isNotEmpty();
        assertThat(report.cacheHitRatio()).isBetween(0.0, 1.0);
        if (!report.pgStatStatements()) {
            assertThat(report.note()).contains("pg_stat_statements is not installed");
        }
    }
}
