package io.headroom.explorer.catalog;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The lease that lets one refresh run at a time across every instance on one catalog: the row
 * {@code catalog-refresh} of {@code refresh_lease}, in the catalog's own schema (docs/decisions/refresh-lease.md).
 *
 * <p>A refresh takes it in the transaction that inserts its {@code refresh_log} row, renews it with a
 * heartbeat and with every write ({@link #fence}), and gives it back in the transaction that writes its
 * end. A lease past {@code expires_at} belongs to an owner that is gone (crashed, or cut off from the
 * database longer than the TTL): the next instance may take it. Every time is the database's clock, so
 * instances whose clocks disagree still agree on expiry.
 */
public final class RefreshLease {
    private static final String NAME = "catalog-refresh";
    /** Now plus the TTL in milliseconds; the same SQL on PostgreSQL and H2. */
    private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";

    private final DataSource dataSource;
    private final String owner;
    private final Duration ttl;

    public RefreshLease(DataSource dataSource, String owner, Duration ttl) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** An owner id for one service instance: readable (pid and host) and unique (a random suffix). */
    public static String newOwnerId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    /** What an attempt to take the lease found. */
    public sealed interface Attempt {
        /** Taken: the refresh {@code refreshId} is logged RUNNING and may write. */
        record Acquired(long refreshId, Instant startedAt) implements Attempt {}

        /** A live refresh holds it (of this instance or another). */
        record Held(long refreshId) implements Attempt {}

        /** Free, but a refresh ended since the caller looked: a scheduled refresh is not due any more. */
        record NotDue() implements Attempt {}
    }

    /** Takes the lease for a refresh asked for now. */
    public Attempt acquire() {
        return acquire(false, null);
    }

    /**
     * Takes the lease for a scheduled refresh, unless a refresh ended after {@code lastEndSeen} (the end
     * the caller's schedule was computed from): of N instances that find a refresh due at the same
     * moment, one runs it and the others, checking under the lease row's lock, see it ended.
     */
    public Attempt acquireIfNoneEndedSince(Optional<Instant> lastEndSeen) {
        return acquire(true, lastEndSeen.orElse(null));
    }

    private Attempt acquire(boolean scheduled, Instant lastEndSeen) {
        for (int attempt = 1; ; attempt++) {
            Attempt result = inTransaction("take the refresh lease", c -> tryAcquire(c, scheduled, lastEndSeen));
            // Held(0): the holder gave the lease back between our update and our read; try again.
            if (!(result instanceof Attempt.Held held) || held.refreshId() != 0 || attempt == 3) {
                return result;
            }
        }
    }

    private Attempt tryAcquire(Connection c, boolean scheduled, Instant lastEndSeen) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE refresh_lease SET owner = ?, refresh_id = NULL, expires_at = " + EXPIRY
                        + " WHERE name = ? AND (owner IS NULL OR expires_at <= CURRENT_TIMESTAMP)")) {
            ps.setString(1, owner);
            ps.setLong(2, ttl.toMillis());
            ps.setString(3, NAME);
            if (ps.executeUpdate() == 0) {
                c.rollback();
                return new Attempt.Held(holder(c));
            }
        }
        if (scheduled && refreshEndedSince(c, lastEndSeen)) {
            c.rollback();
            return new Attempt.NotDue();
        }
        RefreshLog.closeAllRunning(c); // the lease was free or expired: a row still RUNNING has no live owner
        long id = RefreshLog.insertRunning(c, owner);
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_lease SET refresh_id = ? WHERE name = ?")) {
            ps.setLong(1, id);
            ps.setString(2, NAME);
            ps.executeUpdate();
        }
        Instant startedAt = RefreshLog.timestamps(c, id)[0];
        c.commit();
        return new Attempt.Acquired(id, startedAt);
    }

    /**
     * The heartbeat of a running refresh: renews the lease and records the refresh's progress in its log
     * row. False when the lease was lost (it expired, or another instance took it): the refresh must stop.
     */
    public boolean heartbeat(RefreshLog.Entry progress) {
        return inTransaction("renew the refresh lease", c -> {
            if (renew(c, progress.id()) == 0) {
                c.rollback();
                return false;
            }
            RefreshLog.writeProgress(c, progress);
            c.commit();
            return true;
        });
    }

    /** The fence of refresh {@code refreshId}'s writes: renews the lease inside the write, or throws. */
    public WriteFence fence(long refreshId) {
        return c -> {
            if (renew(c, refreshId) == 0) {
                throw new RefreshLeaseLostException(refreshId);
            }
        };
    }

    /**
     * Writes a refresh's end and gives the lease back, in one transaction. Returns the end time as logged
     * (the database's clock), or empty when the row had been closed already (the refresh was abandoned).
     */
    public Optional<Instant> release(RefreshLog.Entry outcome) {
        return inTransaction("record the end of refresh " + outcome.id(), c -> {
            Optional<Instant> end = RefreshLog.writeOutcome(c, outcome);
            try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_lease SET owner = NULL, refresh_id = NULL, "
                    + "expires_at = NULL WHERE name = ? AND owner = ? AND refresh_id = ?")) {
                ps.setString(1, NAME);
                ps.setString(2, owner);
                ps.setLong(3, outcome.id());
                ps.executeUpdate();
            }
            c.commit();
            return end;
        });
    }

    /** Renews this owner's live lease on {@code refreshId}; 0 rows when it is not (any longer) ours. */
    private int renew(Connection c, long refreshId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_lease SET expires_at = " + EXPIRY
                + " WHERE name = ? AND owner = ? AND refresh_id = ? AND expires_at > CURRENT_TIMESTAMP")) {
            ps.setLong(1, ttl.toMillis());
            ps.setString(2, NAME);
            ps.setString(3, owner);
            ps.setLong(4, refreshId);
            return ps.executeUpdate();
        }
    }

    private static long holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT refresh_id FROM refresh_lease WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0; // getLong of NULL is 0
            }
        }
    }

    private static boolean refreshEndedSince(Connection c, Instant lastEndSeen) throws SQLException {
        String sql = "SELECT COUNT(*) FROM refresh_log WHERE finished_at IS NOT NULL"
                + (lastEndSeen == null ? "" : " AND finished_at > ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (lastEndSeen != null) {
                ps.setObject(1, DatasetRows.timestamp(lastEndSeen));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; the work commits (or rolls back) itself. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot " + what, e);
        }
    }
}
