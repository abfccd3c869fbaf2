package io.headroom.explorer.cdn;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.toolkit.cdn.CdnPurgeException;
import io.headroom.toolkit.cdn.CdnPurger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the CDN (or nginx) copies of the catalog's read routes when the catalog cache is invalidated.
 * A refresh invalidates once per committed batch: the paths are collected and sent at most
 * once per {@link #FLUSH_EVERY}, off the refresh's thread, so a purge API that is slow or down never slows
 * a refresh (a failed purge is logged, and the entries then live until their s-maxage).
 *
 * <p>What is purged is the routes' canonical URLs (no query string): a CDN cannot list the filtered
 * variants or the per-folder statistics it holds, and those expire by their own s-maxage (docs/caching.md).
 */
public final class CatalogPurge implements CatalogCache.ChangeListener, AutoCloseable {

    public static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /** The catalog's read routes without parameters (docs/api.md). */
    public static final List<String> CATALOG_PATHS = List.of(
            "/api/v1/datasets",
            "/api/v1/stats",
            "/api/v1/stats/quick",
            "/api/v1/folders",
            "/api/v1/folders/community-data-points");

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPurge.class);

    private final CdnPurger purger;
    private final Set<String> pending = new LinkedHashSet<>();
    private final ScheduledExecutorService flusher;
    private final AtomicLong purged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public CatalogPurge(CdnPurger purger) {
        this.purger = purger;
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("cdn-purge").daemon().factory());
        flusher.scheduleWithFixedDelay(
                this::flush, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void catalogChanged() {
        pending.addAll(CATALOG_PATHS);
    }

    /** Sends what is pending now (also called by the timer). */
    public void flush() {
        List<String> paths;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            paths = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            purger.purge(paths);
            purged.addAndGet(paths.size());
        } catch (CdnPurgeException | IllegalArgumentException e) {
            failures.incrementAndGet();
            LOG.warn(
                    "{} purge of {} paths failed (their cached copies expire by s-maxage): {}",
                    purger.name(),
                    paths.size(),
                    e.getMessage());
        }
    }

    /** Paths purged so far, and purges that failed. */
    public long purged() {
        return purged.get();
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush(); // what a last refresh batch changed
    }
}
