package io.headroom.explorer.db;

import io.headroom.toolkit.db.DatabaseUrl;
import io.headroom.toolkit.resilience.Backoff;
import io.headroom.toolkit.resilience.DependencyWait;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database half of start-up (RES-3): migrate, then start what needs the catalog (the refresh, the
 * cache warmer). The migration is tried once in the caller's thread, so a reachable database starts as
 * before; when a server database (PostgreSQL) does not answer yet, the service starts anyway, not ready,
 * and the migration is retried in the background with backoff, one log line per attempt, until the
 * database answers. An embedded H2 that fails (its file in use by another process) is a start failure:
 * waiting would not help.
 */
public final class CatalogStartup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStartup.class);

    private final CompletableFuture<Boolean> migrated;
    private final DependencyWait<Boolean> waiting; // null when the first attempt succeeded
    private final Backoff backoff;
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile DependencyWait<Boolean> starting;

    private CatalogStartup(CompletableFuture<Boolean> migrated, DependencyWait<Boolean> waiting, Backoff backoff) {
        this.migrated = migrated;
        this.waiting = waiting;
        this.backoff = backoff;
    }

    /**
     * Migrates now, or starts waiting for the database.
     *
     * @throws DatabaseUnreachableException when the database is an embedded one that cannot be opened
     */
    public static CatalogStartup migrate(CatalogDatabase database, String jdbcUrl, Backoff backoff) {
        try {
            database.migrate();
            return new CatalogStartup(CompletableFuture.completedFuture(true), null, backoff);
        } catch (DatabaseUnreachableException e) {
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw e;
            }
            String where = DatabaseUrl.masked(jdbcUrl);
            LOG.warn(
                    "The catalog database at {} does not answer ({}): serving anyway, not ready; retrying in {} ms",
                    where,
                    e.reason(),
                    backoff.delayAfter(1).toMillis());
            DependencyWait<Boolean> wait = DependencyWait.start(
                    "The catalog database",
                    () -> {
                        database.migrate();
                        LOG.info("The catalog database at {} answers: migrated", where);
                        return true;
                    },
                    backoff,
                    failure -> LOG.warn("{} ({})", failure.line(), where));
            return new CatalogStartup(wait.result(), wait, backoff);
        }
    }

    /**
     * Runs {@code action} (start the refresh, the warmer) once migrated: now, in this thread, when the
     * database answered at once (a failure propagates to the caller); else in the background when it does,
     * retried like the migration while it fails (the database may drop again meanwhile). Start-up counts as
     * done ({@link #isReady()}) after the action.
     */
    public void whenMigrated(Runnable action) {
        if (migrated.isDone() && !migrated.isCompletedExceptionally()) {
            action.run();
            ready.set(true);
            return;
        }
        migrated.thenRun(() -> starting = DependencyWait.start(
                "Starting the catalog's services",
                () -> {
                    action.run();
                    ready.set(true);
                    return true;
                },
                backoff,
                failure -> LOG.warn(failure.line())));
    }

    /** Migrations applied and the parts that need the catalog started. */
    public boolean isReady() {
        return ready.get();
    }

    /** Stops waiting for the database (at shutdown). */
    @Override
    public void close() {
        if (waiting != null) {
            waiting.cancel();
        }
        DependencyWait<Boolean> s = starting;
        if (s != null) {
            s.cancel();
        }
    }
}
