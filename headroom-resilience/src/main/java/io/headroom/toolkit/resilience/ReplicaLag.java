package io.headroom.toolkit.resilience;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a PostgreSQL streaming replica is behind its primary (RES-4), polled on a thread of its own every
 * {@code interval}, never per request: each check reads the primary's flushed WAL position
 * ({@code pg_current_wal_flush_lsn()}, all a standby can have been sent) and the replica's replayed one
 * ({@code pg_last_wal_replay_lsn()}). The lag is the age of the oldest primary position the replica has
 * not replayed yet: an idle primary shows no lag (unlike {@code now() - pg_last_xact_replay_timestamp()},
 * which grows while nothing is written), a paused or stuck replay shows its true age, to within one interval.
 *
 * <p>Reads after a write: {@link #writeSeen()} (called after a committed write) holds reads on the primary
 * until the replica has replayed the position the primary had at the next check, which includes that write.
 */
public final class ReplicaLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLag.class);
    /** An unreplayed position per check at most; past this many the oldest go (the lag is then a lower bound). */
    private static final int MAX_SAMPLES = 100_000;

    /** UNKNOWN until the first check; UP within the bound; LAGGING beyond it; DOWN when it does not answer. */
    public enum State {
        UNKNOWN,
        UP,
        LAGGING,
        DOWN
    }

    /**
     * The last check.
     *
     * @param lagMillis -1 when not measured (not checked yet, down, or a server that is not a standby)
     * @param bytesBehind WAL bytes between the primary's last known position and the replica's replay
     */
    public record Status(State state, long lagMillis, long bytesBehind, long checkedAtEpochMillis, String detail) {}

    private record Sample(long lsn, long atNanos) {}

    private final DataSource primary;
    private final DataSource replica;
    private final Duration maxLag;
    private final Duration interval;
    private final ScheduledExecutorService checks;
    private final Deque<Sample> unreplayed = new ArrayDeque<>(); // only the check thread touches it
    private final AtomicBoolean writeSeen = new AtomicBoolean();
    private volatile Status status = new Status(State.UNKNOWN, -1, 0, System.currentTimeMillis(), "not checked yet");
    private volatile long barrier = 0; // a primary position the replica must replay before it serves reads again
    private volatile long replayed = -1;
    private long primaryLsn = -1;

    /**
     * @param primary the primary's bare pool (no breaker: a check must see it come back)
     * @param replica the replica's bare pool
     */
    public ReplicaLag(DataSource primary, DataSource replica, Duration maxLag, Duration interval) {
        this.primary = primary;
        this.replica = replica;
        this.maxLag = maxLag;
        this.interval = interval;
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-lag");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks now, then every interval, in the background. */
    public ReplicaLag start() {
        checks.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /** True when reads may go to the replica: up, within the bound, and past every write seen. */
    public boolean serves() {
        return status.state() == State.UP && !writeSeen.get() && replayed >= barrier;
    }

    /** True while a recent write holds reads on the primary (the replica has not replayed it yet). */
    public boolean holdsForWrite() {
        return writeSeen.get() || replayed < barrier;
    }

    public Status status() {
        return status;
    }

    public Duration maxLag() {
        return maxLag;
    }

    /** A write committed on the primary: reads go there until the replica has replayed it; checks at once. */
    public void writeSeen() {
        writeSeen.set(true);
        if (!checks.isShutdown()) {
            checks.execute(this::checkQuietly);
        }
    }

    /** A read could not get a replica connection: down until the next check finds it answering. */
    public void failed(Throwable failure) {
        status = new Status(State.DOWN, -1, status.bytesBehind(), System.currentTimeMillis(), reason(failure));
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("The replica lag check failed: {}", e.toString());
        }
    }

    private void check() {
        long now = System.nanoTime();
        boolean write = writeSeen.getAndSet(false);
        try {
            primaryLsn = readPrimaryLsn();
            if (unreplayed.isEmpty() || unreplayed.peekLast().lsn() < primaryLsn) {
                unreplayed.addLast(new Sample(primaryLsn, now));
                if (unreplayed.size() > MAX_SAMPLES) {
                    unreplayed.removeFirst();
                }
            }
            if (write) {
                barrier = Math.max(barrier, primaryLsn);
            }
        } catch (SQLException e) {
            // The primary does not answer: judge the replica by itself, and keep the write's hold for later.
            if (write) {
                writeSeen.set(true);
            }
        }
        Status previous = status;
        Status next = checkReplica(now);
        status = next;
        if (previous.state() != next.state()) {
            LOG.info("The read replica is {} ({})", next.state(), next.detail());
        }
    }

    private Status checkReplica(long now) {
        boolean standby;
        long replay;
        try (Connection c = replica.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()")) {
            rs.next();
            standby = rs.getBoolean(1);
            replay = standby && rs.getString(2) != null ? lsn(rs.getString(2)) : -1;
        } catch (SQLException e) {
            return new Status(State.DOWN, -1, status.bytesBehind(), System.currentTimeMillis(), reason(e));
        }
        if (!standby) {
            // Promoted, or pointed at a server that is not a standby: nothing to measure against.
            replayed = Long.MAX_VALUE;
            return new Status(
                    State.UP, -1, 0, System.currentTimeMillis(), "not a standby (not in recovery): lag not measured");
        }
        replayed = replay;
        while (!unreplayed.isEmpty() && unreplayed.peekFirst().lsn() <= replay) {
            unreplayed.removeFirst();
        }
        long lagMillis =
                unreplayed.isEmpty() ? 0 : (now - unreplayed.peekFirst().atNanos()) / 1_000_000;
        long behind = primaryLsn < 0 ? 0 : Math.max(0, primaryLsn - replay);
        if (lagMillis > maxLag.toMillis()) {
            return new Status(
                    State.LAGGING,
                    lagMillis,
                    behind,
                    System.currentTimeMillis(),
                    "replay " + lagMillis + " ms behind the primary, beyond the bound of " + maxLag.toMillis() + " ms");
        }
        return new Status(
                State.UP, lagMillis, behind, System.currentTimeMillis(), "streaming, " + lagMillis + " ms behind");
    }

    private long readPrimaryLsn() throws SQLException {
        try (Connection c = primary.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_flush_lsn()")) {
            rs.next();
            return lsn(rs.getString(1));
        }
    }

    /** A PostgreSQL {@code pg_lsn} ("16/B374D848": high and low 32 bits in hex) as a byte position. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Not a pg_lsn: " + text);
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null
                ? failure.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
