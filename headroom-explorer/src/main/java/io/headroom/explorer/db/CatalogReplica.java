package io.headroom.explorer.db;

import com.zaxxer.hikari.HikariDataSource;
import io.headroom.explorer.config.ExplorerConfig.ReplicaSettings;
import io.headroom.explorer.config.ResilienceSettings;
import io.headroom.toolkit.db.DatabaseUnavailable;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.resilience.DependencyBreaker;
import io.headroom.toolkit.resilience.GuardedDataSource;
import io.headroom.toolkit.resilience.ReadRouting;
import io.headroom.toolkit.resilience.ReplicaLag;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The catalog's read replica (RES-4, DATABASE_REPLICA_URL): its own pool ({@code catalog-replica}, monitored
 * like the primary's), breaker and lag check, and the {@link ReadRouting} that sends catalog reads to it
 * while it is healthy and to the primary otherwise.
 */
public final class CatalogReplica implements AutoCloseable {
    private final HikariDataSource pool;
    private final PoolMonitor poolMonitor;
    private final ReadRouting routing;

    /** The stats document's {@code replica} section. */
    public record Section(ReadRouting.Snapshot split, PoolMonitor.PoolSnapshot pool) {}

    private CatalogReplica(HikariDataSource pool, PoolMonitor poolMonitor, ReadRouting routing) {
        this.pool = pool;
        this.poolMonitor = poolMonitor;
        this.routing = routing;
    }

    /**
     * Opens the replica's pool (without waiting for the replica) and starts its lag check.
     *
     * @param primaryPool the primary's bare pool, for the lag check
     * @param primary the primary as requests use it: where reads go when the replica cannot take them
     * @param timing wraps the replica's pool in the query monitor's timing proxy (as the primary's)
     */
    public static CatalogReplica open(
            ReplicaSettings settings,
            DataSource primaryPool,
            DataSource primary,
            UnaryOperator<DataSource> timing,
            MeterRegistry registry,
            ResilienceSettings resilience) {
        PoolMonitor poolMonitor = new PoolMonitor(registry);
        HikariDataSource pool = CatalogDatabase.lazyPool(
                "catalog-replica", settings.pool(), poolMonitor, resilience.statementTimeout());
        try {
            GuardedDataSource replica = new GuardedDataSource(
                    timing.apply(pool),
                    new DependencyBreaker("The catalog replica", resilience.breaker(), DatabaseUnavailable::isCause));
            ReplicaLag lag = new ReplicaLag(primaryPool, pool, settings.maxLag(), settings.checkInterval()).start();
            ReadRouting routing = new ReadRouting(primary, replica, lag);
            routing.bindTo(registry);
            return new CatalogReplica(pool, poolMonitor, routing);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Where catalog reads (listing, search, detail, statistics, counts) get their connections. */
    public DataSource reads() {
        return routing.reads();
    }

    /**
     * A catalog write committed (here, or on another instance): reads go to the primary until the replica
     * has replayed it. Call before anything cached is forgotten, so no refill reads the replica's old rows.
     */
    public void writeSeen() {
        routing.lag().writeSeen();
    }

    public Section stats() {
        return new Section(routing.snapshot(), poolMonitor.snapshot().orElse(null));
    }

    /** The detailed health's {@code replica} component: a detail when catalog reads go to it, else throws why not. */
    public String health() {
        ReadRouting.Snapshot s = routing.snapshot();
        ReplicaLag.Status status = s.replica();
        String bound = " (bound " + s.maxLagMillis() + " ms)";
        if (s.servingReads() == ReadRouting.Target.REPLICA) {
            return "serving catalog reads; " + status.detail() + bound;
        }
        if (status.state() == ReplicaLag.State.UP && s.heldForWrite()) {
            return status.detail() + bound + "; catalog reads on the primary until it replays a recent write";
        }
        String why = status.state() == ReplicaLag.State.UP ? "its circuit breaker is " + s.breaker() : status.detail();
        throw new IllegalStateException(status.state() + ": " + why + bound + "; catalog reads on the primary");
    }

    @Override
    public void close() {
        routing.lag().close();
        pool.close();
    }
}
