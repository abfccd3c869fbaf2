package io.headroom.explorer.health;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.db.CatalogReplica;
import io.headroom.explorer.db.CatalogStartup;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.refresh.RefreshProgress;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.toolkit.cache.SharedStore.StoreState;
import io.headroom.toolkit.health.DatabaseCheck;
import io.headroom.toolkit.health.DiskSpaceCheck;
import io.headroom.toolkit.health.Drain;
import io.headroom.toolkit.health.HealthCheck;
import io.headroom.toolkit.health.HealthChecks;
import io.headroom.toolkit.health.HeapCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The explorer's readiness and detailed health (RES-1), as checks over its parts.
 * <ul>
 *   <li>Readiness: the database answers, the migrations ran (start-up is done), the catalog is loaded
 *       (the initial catalogue of an empty catalog has ended), and the service is not draining.</li>
 *   <li>Detailed: the database, the migrations, the object store, disk and memory (required), and Redis
 *       (optional: without it the cache runs in-process, degraded but serving).</li>
 * </ul>
 * The database checks use the bare pool, not the circuit breaker's view of it: a probe must see the
 * database itself come back, and the breaker's half-open trials are for requests.
 */
public final class ExplorerHealth {
    /** Below this much free disk the data directory (the H2 file, the lake) is DOWN. */
    static final long MIN_FREE_DISK = 64L * 1024 * 1024;
    /** Above this share of the heap live after a full collection, memory is DOWN. */
    static final double MAX_HEAP_USED = 0.95;

    private ExplorerHealth() {}

    public static HealthChecks readiness(
            DataSource pool, CatalogStartup startup, RefreshService refresh, Drain drain, Duration timeout) {
        return HealthChecks.builder()
                .required("database", timeout, new DatabaseCheck(pool, seconds(timeout)))
                .required(
                        "migrations",
                        timeout,
                        HealthCheck.condition(startup::isReady, "not applied yet: waiting for the database"))
                .required(
                        "catalog",
                        timeout,
                        HealthCheck.condition(
                                () -> catalogLoaded(startup, refresh),
                                "the initial catalogue of the lake is being built"))
                .required(
                        "draining",
                        timeout,
                        HealthCheck.condition(() -> !drain.isDraining(), "the service is shutting down"))
                .build();
    }

    public static HealthChecks detailed(
            DataSource pool,
            CatalogStartup startup,
            CatalogCache cache,
            Optional<CatalogReplica> replica,
            ObjectStore store,
            Path dataDir,
            Duration timeout) {
        HealthChecks.Builder checks = HealthChecks.builder()
                .required("database", timeout, new DatabaseCheck(pool, seconds(timeout)))
                .required(
                        "migrations",
                        timeout,
                        HealthCheck.condition(startup::isReady, "not applied yet: waiting for the database"))
                .optional("redis", timeout, () -> redis(cache));
        // Optional: without the replica, catalog reads go to the primary (RES-4). Its state comes from the lag
        // check's last poll, no new round trip.
        replica.ifPresent(r -> checks.optional("replica", timeout, r::health));
        return checks.required("objectStore", timeout, () -> objectStore(store))
                .required("disk", timeout, new DiskSpaceCheck(dataDir, MIN_FREE_DISK))
                .required("memory", timeout, new HeapCheck(MAX_HEAP_USED))
                .build();
    }

    private static boolean catalogLoaded(CatalogStartup startup, RefreshService refresh) {
        if (!startup.isReady()) {
            return false;
        }
        Optional<RefreshProgress> initial = refresh.initialRefresh();
        return initial.isEmpty() || initial.get().ended().isDone();
    }

    /** The shared cache level as the cache sees it (its own circuit breaker included), without a new round trip. */
    private static String redis(CatalogCache cache) {
        StoreState state = cache.cache().stats().redis();
        return switch (state) {
            case UP -> "up";
            case DISABLED -> "not configured (REDIS_URL): in-process cache only";
            case DOWN, CIRCUIT_OPEN ->
                throw new IllegalStateException(
                        "unreachable (" + state + "): the cache serves from this instance only");
        };
    }

    /** A listing call on a key that need not exist: the store answers, whatever the answer. */
    private static String objectStore(ObjectStore store) throws IOException {
        store.stat("headroom-health-probe");
        return store.describe();
    }

    private static int seconds(Duration timeout) {
        return (int) Math.max(1, timeout.toSeconds());
    }
}
