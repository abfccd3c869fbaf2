package io.headroom.explorer.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.SeveredDataSource;
import io.headroom.toolkit.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadLogTest {
    @TempDir
    Path dir;

    private JdbcDataSource database() throws Exception {
        DatabaseUnderTest database = DatabaseUnderTest.h2(dir);
        CatalogDatabase.migrate(database.jdbcUrl(), null, null);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(database.jdbcUrl());
        return dataSource;
    }

    private static long rows(JdbcDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM download_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static DownloadEvent event(int i) {
        return new DownloadEvent(i % 7 + 1, DownloadType.FULL, Instant.now(), "10.0.0." + i, "agent", 100);
    }

    @Test
    void aDatabaseOutageLosesNothingTheEventsWaitAndAreWrittenOnceItIsBack() throws Exception {
        JdbcDataSource database = database();
        SeveredDataSource severed = new SeveredDataSource(database);
        try (DownloadLog log = new DownloadLog(severed, 10_000, Duration.ofSeconds(10))) {
            severed.sever();
            for (int i = 0; i < 1200; i++) {
                log.record(event(i));
            }
            Await.until(Duration.ofSeconds(10), "the writer to try and fail at least once", () -> log.pending() < 1200);
            assertThat(rows(database)).isZero();
            severed.restore();
            Await.until(Duration.ofSeconds(20), "every event written after the outage", () -> log.written() == 1200);
            assertThat(rows(database)).isEqualTo(1200);
            assertThat(log.dropped()).isZero();
        }
    }

    @Test
    void closingWritesEverythingStillQueued() throws Exception {
        JdbcDataSource database = database();
        DownloadLog log = new DownloadLog(database, 10_000, Duration.ofSeconds(10));
        for (int i = 0; i < 3000; i++) {
            log.record(event(i));
        }
        log.close();
        assertThat(rows(database)).isEqualTo(3000);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheRequest() throws Exception {
        SeveredDataSource severed = new SeveredDataSource(database());
        severed.sever();
        try (DownloadLog log = new DownloadLog(severed, 10, Duration.ofMillis(200))) {
            for (int i = 0; i < 100; i++) {
                log.record(event(i));
            }
            assertThat(log.dropped()).isGreaterThanOrEqualTo(100 - 10 - DownloadLog.BATCH);
            assertThat(log.dropped()).isPositive();
        }
    }
}
