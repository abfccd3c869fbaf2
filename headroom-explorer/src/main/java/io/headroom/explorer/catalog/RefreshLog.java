package io.headroom.explorer.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code refresh_log} table: one row per refresh, written when it starts and when it ends. */
public final class RefreshLog {
    private final DataSource dataSource;

    public RefreshLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public enum State { RUNNING, FINISHED, FAILED }

    /** A refresh's progress and outcome, as {@code GET /api/v1/admin/refresh/{id}} shows it. */
    public record Entry(
            long id, State state, int scanned, int added, int updated, int removed, int failed,
            Instant startedAt, Instant finishedAt, String error) {}

    /** Records a refresh as running; its id is also its generation (ids only grow). */
    public long started(Instant startedAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO refresh_log (state, started_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, State.RUNNING.name());
            ps.setObject(2, DatasetRows.timestamp(startedAt));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot record the start of a refresh", e);
        }
    }

    public void finished(Entry entry) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE refresh_log SET state = ?, scanned = ?, added = ?, updated = ?, removed = ?, failed = ?, "
                        + "finished_at = ?, error = ? WHERE id = ?")) {
            ps.setString(1, entry.state().name());
            ps.setInt(2, entry.scanned());
            ps.setInt(3, entry.added());
            ps.setInt(4, entry.updated());
            ps.setInt(5, entry.removed());
            ps.setInt(6, entry.failed());
            ps.setObject(7, entry.finishedAt() == null ? null : DatasetRows.timestamp(entry.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            DatasetRows.setNullableString(ps, 8, entry.error());
            ps.setLong(9, entry.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("Cannot record the end of refresh " + entry.id(), e);
        }
    }

    public Optional<Entry> find(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, state, scanned, added, updated, removed, failed, started_at, finished_at, error "
                        + "FROM refresh_log WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getLong(1), State.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), DatasetRows.instant(rs, 8), DatasetRows.instant(rs, 9),
                        rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read refresh " + id, e);
        }
    }

    /** Marks refreshes left RUNNING by a process that died as FAILED, so the log never shows a ghost run. */
    public int abandonRunning(Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE refresh_log SET state = 'FAILED', finished_at = ?, error = 'interrupted: the service stopped' "
                        + "WHERE state = 'RUNNING'")) {
            ps.setObject(1, DatasetRows.timestamp(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("Cannot close abandoned refreshes", e);
        }
    }
}
