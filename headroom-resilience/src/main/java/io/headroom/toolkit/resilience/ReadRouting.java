package io.headroom.toolkit.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The read/write split (RES-4), decided here and nowhere else: {@link #reads()} is the data source of reads
 * that may be a little behind (a catalog listing, a search, a detail page, statistics). Each connection it
 * hands out comes from the replica while {@link ReplicaLag} says the replica is up, within its lag bound
 * and past every write seen, and its breaker is not open; from the primary otherwise. A replica that
 * refuses a connection is marked down at once and that read goes to the primary, so the caller sees no
 * error. Writes, and reads that must see a write just made, use the primary's data source directly.
 */
public final class ReadRouting {
    /** Where the reads of {@link #reads()} go now. */
    public enum Target {
        REPLICA,
        PRIMARY
    }

    /**
     * The figures of the split, for the stats document.
     *
     * @param readsFromReplica reads served by the replica since the start
     * @param readsFromPrimary reads of {@link #reads()} the primary served (replica behind, down, or held for a write)
     * @param fallbacks reads the replica refused a connection to, served by the primary instead
     */
    public record Snapshot(
            Target servingReads,
            ReplicaLag.Status replica,
            long maxLagMillis,
            boolean heldForWrite,
            String breaker,
            long readsFromReplica,
            long readsFromPrimary,
            long fallbacks) {}

    private final DataSource primary;
    private final GuardedDataSource replica;
    private final ReplicaLag lag;
    private final DataSource reads = new Reads();
    private final LongAdder fromReplica = new LongAdder();
    private final LongAdder fromPrimary = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    /**
     * @param primary the primary as requests use it (breaker, timing)
     * @param replica the replica behind its own breaker
     */
    public ReadRouting(DataSource primary, GuardedDataSource replica, ReplicaLag lag) {
        this.primary = primary;
        this.replica = replica;
        this.lag = lag;
    }

    /** The data source of reads that may go to the replica. */
    public DataSource reads() {
        return reads;
    }

    public Target target() {
        return lag.serves() && replica.breaker().state() != CircuitBreaker.State.OPEN ? Target.REPLICA : Target.PRIMARY;
    }

    public ReplicaLag lag() {
        return lag;
    }

    public Snapshot snapshot() {
        return new Snapshot(
                target(),
                lag.status(),
                lag.maxLag().toMillis(),
                lag.holdsForWrite(),
                replica.breaker().state().name(),
                fromReplica.sum(),
                fromPrimary.sum(),
                fallbacks.sum());
    }

    /** {@code db.replica.*}: which side served reads, the lag, fallbacks (the replica's pool has its own db.pool.*). */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("db.replica.reads", fromReplica, LongAdder::sum)
                .tag("served_by", "replica")
                .description("Reads that could go to the replica, by the side that served them")
                .register(registry);
        FunctionCounter.builder("db.replica.reads", fromPrimary, LongAdder::sum)
                .tag("served_by", "primary")
                .description("Reads that could go to the replica, by the side that served them")
                .register(registry);
        FunctionCounter.builder("db.replica.fallbacks", fallbacks, LongAdder::sum)
                .description("Reads the replica refused a connection to, served by the primary")
                .register(registry);
        Gauge.builder(
                        "db.replica.lag",
                        lag,
                        l -> l.status().lagMillis() < 0
                                ? Double.NaN
                                : l.status().lagMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How far the replica's replay is behind the primary (NaN: not measured)")
                .register(registry);
        Gauge.builder("db.replica.serving", this, r -> r.target() == Target.REPLICA ? 1 : 0)
                .description("1 while reads go to the replica, 0 while they go to the primary")
                .register(registry);
    }

    private Connection read() throws SQLException {
        if (target() == Target.REPLICA) {
            try {
                Connection c = replica.getConnection();
                fromReplica.increment();
                return c;
            } catch (SQLException | RuntimeException e) {
                lag.failed(e);
                fallbacks.increment();
            }
        }
        fromPrimary.increment();
        return primary.getConnection();
    }

    /** The routed data source; only {@code getConnection()} routes. */
    private final class Reads implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return read();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("Routed reads use the pools' own credentials");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return primary.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            primary.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            primary.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return primary.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return primary.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            return primary.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || primary.isWrapperFor(iface);
        }
    }
}
