package io.headroom.explorer.audit;

import io.headroom.explorer.catalog.CatalogException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log (SEC-2): admin actions and login attempts, written synchronously (they are rare, and an
 * admin action must not be reported done while its record could still be lost) and paged newest first.
 */
public final class AuditLog {
    private static final int MAX_TEXT = 1024;

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String outcome, String ip) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, action, target, outcome, ip) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            ps.setString(2, clip(actor, 128));
            ps.setString(3, clip(action, 64));
            ps.setString(4, target == null ? null : clip(target, MAX_TEXT));
            ps.setString(5, outcome);
            ps.setString(6, ip == null ? null : clip(ip, 64));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("Cannot write the audit log", e);
        }
    }

    public AuditPage page(AuditQuery query) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        query.actor().ifPresent(v -> and(where, parameters, "actor = ?", v));
        query.action().ifPresent(v -> and(where, parameters, "action = ?", v));
        query.from().ifPresent(v -> and(where, parameters, "at >= ?", v.atOffset(ZoneOffset.UTC)));
        query.to().ifPresent(v -> and(where, parameters, "at < ?", v.atOffset(ZoneOffset.UTC)));
        query.beforeId().ifPresent(v -> and(where, parameters, "id < ?", v));
        String sql = "SELECT id, at, actor, action, target, outcome, ip FROM audit_log"
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            for (Object parameter : parameters) {
                ps.setObject(index++, parameter);
            }
            ps.setInt(index, query.limit() + 1);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
            boolean more = entries.size() > query.limit();
            List<AuditEntry> items = more ? entries.subList(0, query.limit()) : entries;
            return new AuditPage(
                    List.copyOf(items), more ? Long.toString(items.getLast().id()) : null);
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the audit log", e);
        }
    }

    private static void and(StringBuilder where, List<Object> parameters, String condition, Object value) {
        where.append(where.isEmpty() ? "" : " AND ").append(condition);
        parameters.add(value);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** For tests and tools: now, by this log's clock. */
    public Instant now() {
        return clock.instant();
    }
}
