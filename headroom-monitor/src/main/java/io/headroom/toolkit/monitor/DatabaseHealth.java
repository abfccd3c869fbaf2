package io.headroom.toolkit.monitor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * PostgreSQL health (MON-8), read from the statistics views on demand (when the stats document
 * is requested, never on a request path). Other databases (the embedded H2) get a report saying
 * the figures are PostgreSQL-only.
 */
public final class DatabaseHealth {
    private final DataSource dataSource;

    public DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report read() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                return Report.unsupported(
                        product, product + ": database health figures are read from PostgreSQL statistics views only");
            }
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(5);
                Map<String, Long> byState = new LinkedHashMap<>();
                try (ResultSet rs =
                        s.executeQuery("SELECT coalesce(state, 'background') AS state, count(*) FROM pg_stat_activity"
                                + " WHERE datname = current_database() GROUP BY 1 ORDER BY 1")) {
                    while (rs.next()) {
                        byState.put(rs.getString(1), rs.getLong(2));
                    }
                }
                double cacheHit = ratio(
                        s,
                        "SELECT sum(blks_hit)::float8, sum(blks_hit + blks_read)::float8 FROM pg_stat_database WHERE datname = current_database()");
                double indexHit = ratio(
                        s,
                        "SELECT sum(idx_blks_hit)::float8, sum(idx_blks_hit + idx_blks_read)::float8 FROM pg_statio_user_indexes");
                long lockWaits = single(s, "SELECT count(*) FROM pg_locks WHERE NOT granted");
                List<SeqScanTable> seqScans = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT schemaname || '.' || relname, seq_scan, coalesce(idx_scan, 0), n_live_tup"
                                + " FROM pg_stat_user_tables WHERE seq_scan > coalesce(idx_scan, 0) AND n_live_tup > 1000"
                                + " ORDER BY seq_tup_read DESC LIMIT 10")) {
                    while (rs.next()) {
                        seqScans.add(new SeqScanTable(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                boolean hasStatements =
                        single(s, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'") > 0;
                List<TopStatement> top = new ArrayList<>();
                String note = null;
                if (hasStatements) {
                    try (ResultSet rs = s.executeQuery(
                            "SELECT query, calls, total_exec_time, mean_exec_time FROM pg_stat_statements"
                                    + " ORDER BY total_exec_time DESC LIMIT 10")) {
                        while (rs.next()) {
                            top.add(new TopStatement(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)));
                        }
                    } catch (SQLException e) {
                        note = "pg_stat_statements is installed but cannot be read: " + e.getMessage();
                    }
                } else {
                    note = "pg_stat_statements is not installed in this database: no server-side top statements"
                            + " (CREATE EXTENSION pg_stat_statements, with shared_preload_libraries, to enable)";
                }
                return new Report(
                        product,
                        true,
                        null,
                        byState,
                        cacheHit,
                        indexHit,
                        lockWaits,
                        seqScans,
                        hasStatements,
                        top,
                        note);
            }
        } catch (SQLException e) {
            return Report.unsupported("unknown", "database health unavailable: " + e.getMessage());
        }
    }

    private static double ratio(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next() || rs.getDouble(2) == 0) {
                return -1;
            }
            return rs.getDouble(1) / rs.getDouble(2);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Ratios are 0..1, or -1 when there is no activity to compute them from. */
    public record Report(
            String database,
            boolean supported,
            String reason,
            Map<String, Long> connectionsByState,
            double cacheHitRatio,
            double indexHitRatio,
            long lockWaits,
            List<SeqScanTable> seqScanHeavyTables,
            boolean pgStatStatements,
            List<TopStatement> topStatements,
            String note) {
        static Report unsupported(String database, String reason) {
            return new Report(database, false, reason, Map.of(), -1, -1, 0, List.of(), false, List.of(), null);
        }
    }

    public record SeqScanTable(String table, long seqScans, long indexScans, long liveRows) {}

    public record TopStatement(String query, long calls, double totalMs, double meanMs) {}
}
