package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolMonitorPostgresTest {
    private static TestPostgres pg;

    @BeforeAll
    static void createSchema() {
        pg = TestPostgres.createSchema();
    }

    @AfterAll
    static void dropSchema() {
        if (pg != null) {
            pg.close();
        }
    }

    private static HikariDataSource pool(PoolMonitor monitor, long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(connectionTimeoutMs);
        monitor.attachTo(config);
        return new HikariDataSource(config);
    }

    @Test
    void waitingThreadsAreVisibleWhenThePoolIsExhausted() throws Exception {
        PoolMonitor monitor = new PoolMonitor(new SimpleMeterRegistry());
        try (HikariDataSource ds = pool(monitor, 30_000)) {
            Connection a = ds.getConnection();
            Connection b = ds.getConnection();
            CompletableFuture<Connection> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return ds.getConnection();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Hikari refreshes its pool statistics at most once a second: wait for the figures, not a fixed time.
            awaitCondition(() -> monitor.snapshot().orElseThrow().waiting() >= 1);
            PoolMonitor.PoolSnapshot exhausted = monitor.snapshot().orElseThrow();
            assertThat(exhausted.active()).isEqualTo(2);
            assertThat(exhausted.utilisation()).isEqualTo(1.0);
            a.close();
            try (Connection c = waiter.get()) {
                assertThat(c.isValid(1)).isTrue();
            }
            b.close();
            awaitCondition(() -> monitor.snapshot().orElseThrow().waiting() == 0);
            assertThat(monitor.snapshot().orElseThrow().acquire().count()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void acquireTimeoutsAreCounted() throws Exception {
        PoolMonitor monitor = new PoolMonitor(new SimpleMeterRegistry());
        try (HikariDataSource ds = pool(monitor, 250)) {
            // Both connections opened first: on a loaded machine opening one can itself take over 250 ms.
            awaitCondition(() -> ds.getHikariPoolMXBean().getTotalConnections() == 2);
            try (Connection a = ds.getConnection();
                    Connection b = ds.getConnection()) {
                assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(monitor.snapshot().orElseThrow().timeouts()).isEqualTo(1);
            }
        }
    }

    @Test
    void reportsNothingBeforeAPoolIsAttached() {
        assertThat(new PoolMonitor(new SimpleMeterRegistry()).snapshot()).isEmpty();
    }

    private static void awaitCondition(BooleanSupplier condition) {
        Await.until(condition);
    }
}
