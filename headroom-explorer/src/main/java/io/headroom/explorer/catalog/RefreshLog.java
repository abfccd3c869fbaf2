package io.headroom.explorer.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code refresh_log} table: one row per refresh, written when it starts and when it ends. Rows are
 * started and ended by {@link RefreshLease} (in the transactions that take and give back the lease);
 * times are the database's clock, so instances with skewed clocks still log one consistent order.
 */
public final class RefreshLog {
    static final String ABANDONED = "abandoned: the instance running it stopped or lost the database";

    private final DataSource dataSource;

    public RefreshLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public enum State {
        RUNNING,
        FINISHED,
        FAILED
    }

    /** A refresh's progress and outcome, as {@code GET /api/v1/admin/refresh/{id}} shows it. */
    public record Entry(
            long id,
            State state,
            int scanned,
            int added,
            int updated,
            int removed,
            int failed,
            Instant startedAt,
            Instant finishedAt,
            String error) {}

    /** The database's clock and the end of the last refresh that ended (finished or failed), if any. */
    public record ScheduleClock(Instant now, Optional<Instant> lastEnd) {}

    public Optional<Entry> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, state, scanned, added, updated, removed, failed, started_at, finished_at, error "
                                + "FROM refresh_log WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(
                        rs.getLong(1),
                        State.valueOf(rs.getString(2)),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        DatasetRows.instant(rs, 8),
                        DatasetRows.instant(rs, 9),
                        rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read refresh " + id, e);
        }
    }

    /** What the schedule of every instance is measured against (one query, one clock). */
    public ScheduleClock scheduleClock() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP, MAX(finished_at) FROM refresh_log")) {
            rs.next();
            return new ScheduleClock(DatasetRows.instant(rs, 1), Optional.ofNullable(DatasetRows.instant(rs, 2)));
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the time of the last refresh", e);
        }
    }

    /**
     * Marks as FAILED the refreshes left RUNNING whose owner is gone: no live lease names them (their
     * instance crashed, or lost the database for longer than the lease). A refresh that another instance
     * is running right now holds the lease and is left alone.
     */
    public int abandonRunning() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE refresh_log SET state = 'FAILED', finished_at = CURRENT_TIMESTAMP, error = ? "
                                + "WHERE state = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM refresh_lease l "
                                + "WHERE l.refresh_id = refresh_log.id AND l.expires_at > CURRENT_TIMESTAMP)")) {
            ps.setString(1, ABANDONED);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("Cannot close abandoned refreshes", e);
        }
    }

    /** Inserts a RUNNING row for {@code owner}; returns its id (also the refresh's generation: ids only grow). */
    static long insertRunning(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO refresh_log (state, started_at, owner) VALUES ('RUNNING', CURRENT_TIMESTAMP, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, owner);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Closes every RUNNING row: called by whoever just took the lease, so none of them can still be live. */
    static int closeAllRunning(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_log SET state = 'FAILED', "
                + "finished_at = CURRENT_TIMESTAMP, error = ? WHERE state = 'RUNNING'")) {
            ps.setString(1, ABANDONED);
            return ps.executeUpdate();
        }
    }

    /** Writes a running refresh's counters (the heartbeat), so other instances can show its progress. */
    static void writeProgress(Connection c, Entry progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_log SET scanned = ?, added = ?, updated = ?, "
                + "removed = ?, failed = ? WHERE id = ? AND state = 'RUNNING'")) {
            bindCounters(ps, progress);
            ps.setLong(6, progress.id());
            ps.executeUpdate();
        }
    }

    /**
     * Writes a refresh's end, stamped with the database's time, if the row is still RUNNING (a row that
     * was closed as abandoned meanwhile keeps that verdict). Returns the end time written, or empty.
     */
    static Optional<Instant> writeOutcome(Connection c, Entry outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_log SET scanned = ?, added = ?, updated = ?, "
                + "removed = ?, failed = ?, state = ?, error = ?, finished_at = CURRENT_TIMESTAMP "
                + "WHERE id = ? AND state = 'RUNNING'")) {
            bindCounters(ps, outcome);
            ps.setString(6, outcome.state().name());
            DatasetRows.setNullableString(ps, 7, outcome.error());
            ps.setLong(8, outcome.id());
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(timestamps(c, outcome.id())[1]);
    }

    /** {started_at, finished_at} of a row. */
    static Instant[] timestamps(Connection c, long id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT started_at, finished_at FROM refresh_log WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Instant[] {DatasetRows.instant(rs, 1), DatasetRows.instant(rs, 2)};
            }
        }
    }

    private static void bindCounters(PreparedStatement ps, Entry entry) throws SQLException {
        ps.setInt(1, entry.scanned());
        ps.setInt(2, entry.added());
        ps.setInt(3, entry.updated());
        ps.setInt(4, entry.removed());
        ps.setInt(5, entry.failed());
    }
}
