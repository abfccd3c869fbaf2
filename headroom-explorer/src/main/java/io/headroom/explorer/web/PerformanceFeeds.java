package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.toolkit.alert.AlertEvent;
import io.headroom.toolkit.alert.Finding;
import io.headroom.toolkit.cache.CacheStats;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.db.QueryStats;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.metrics.RouteSnapshot;
import io.headroom.toolkit.monitor.DatabaseHealth;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.ResourceSample;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What each performance page receives once a second over its stream ({@code ?view=}): one feed per
 * open stream, which remembers what it sent before, so rates come from the difference of two ticks and
 * long lists (the hour of resource samples, the day of alert events) are sent once and then only
 * when they change. Every figure is read from the monitors directly: the database-health queries
 * (PostgreSQL statistics views) run only for the database page, and at most every
 * {@value #DATABASE_HEALTH_TICKS} ticks.
 */
final class PerformanceFeeds {
    static final int DATABASE_HEALTH_TICKS = 5;
    static final int ALERT_HISTORY_SENT = 500;

    /** The pages with a live feed; the name is the {@code view} parameter and the event name. */
    enum View {
        OVERVIEW,
        ENDPOINTS,
        DATABASE,
        CACHE,
        RESOURCES,
        ALERTS;

        String eventName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static View parse(String text) {
            for (View v : values()) {
                if (v.eventName().equals(text)) {
                    return v;
                }
            }
            throw ProblemException.badParameter(
                    "view", "must be one of overview, endpoints, database, cache, resources, alerts");
        }
    }

    /** The next event's data, called once a second by the stream. */
    interface Feed {
        Object next();
    }

    record EndpointsEvent(long at, List<EndpointLine> routes) {}

    /** One route template; {@code perSecond} is null in the first event (no earlier tick to subtract). */
    record EndpointLine(
            String route,
            long count,
            Double perSecond,
            long lastMinuteCount,
            double lastMinuteErrorRate,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            double maxMs,
            long s4xx,
            long s5xx,
            long bytesOut) {}

    record DatabaseEvent(long at, QueryStats queries, PoolMonitor.PoolSnapshot pool, DatabaseHealth.Report health) {}

    record CacheEvent(
            long at,
            String redis,
            long redisErrors,
            long invalidationsReceived,
            long maxBytes,
            long maxEntries,
            List<KeyspaceLine> keyspaces) {}

    record KeyspaceLine(
            String keyspace,
            long ttlSeconds,
            long hits,
            long l2Hits,
            long misses,
            double hitRate,
            long entries,
            long bytes,
            long evictions,
            long errors,
            double averageLoadMs) {}

    /** {@code samples}: the whole history in the first event, then only the samples taken since. */
    record ResourcesEvent(long at, long intervalSeconds, List<ResourceSample> samples) {}

    /** {@code history}: the newest events of the last 24 h, sent when it changed, else null (keep the last). */
    record AlertsEvent(long at, List<Finding> active, List<AlertEvent> history, Integer historyTotal) {}

    private final Monitoring monitoring;
    private final Supplier<CacheStats> cacheStats;

    PerformanceFeeds(Monitoring monitoring, CatalogCache cache) {
        this.monitoring = monitoring;
        this.cacheStats = () -> cache.cache().stats();
    }

    /** The feed of a page other than the overview (which {@link PerformanceStream} builds). */
    Feed open(View view) {
        return switch (view) {
            case OVERVIEW -> throw new IllegalArgumentException("the overview feed is the stream's own");
            case ENDPOINTS -> endpoints();
            case DATABASE -> database();
            case CACHE -> () -> cache(cacheStats.get());
            case RESOURCES -> resources();
            case ALERTS -> alerts();
        };
    }

    private Feed endpoints() {
        Map<String, Long> previousCounts = new HashMap<>();
        long[] previousAt = {0};
        return () -> {
            long at = System.currentTimeMillis();
            double seconds = Math.max(0.001, (at - previousAt[0]) / 1000.0);
            List<EndpointLine> lines = monitoring.requests().routes().stream()
                    .sorted(Comparator.comparing(RouteSnapshot::key))
                    .map(r -> {
                        Long before = previousCounts.put(r.key(), r.count());
                        Double perSecond =
                                previousAt[0] == 0 ? null : (r.count() - (before == null ? 0 : before)) / seconds;
                        return new EndpointLine(
                                r.key(),
                                r.count(),
                                perSecond,
                                r.lastMinuteCount(),
                                r.lastMinuteErrorRate(),
                                r.lastMinute().p50Ms(),
                                r.lastMinute().p95Ms(),
                                r.lastMinute().p99Ms(),
                                r.lastMinute().maxMs(),
                                r.status().s4xx(),
                                r.status().s5xx(),
                                r.bytesOut());
                    })
                    .toList();
            previousAt[0] = at;
            return new EndpointsEvent(at, lines);
        };
    }

    private Feed database() {
        int[] tick = {0};
        DatabaseHealth.Report[] health = {null};
        return () -> {
            if (tick[0]++ % DATABASE_HEALTH_TICKS == 0) {
                health[0] = monitoring.stats(0, 0).database();
            }
            return new DatabaseEvent(
                    System.currentTimeMillis(),
                    monitoring.queries().snapshot(10),
                    monitoring.pool().snapshot().orElse(null),
                    health[0]);
        };
    }

    static CacheEvent cache(CacheStats stats) {
        List<KeyspaceLine> lines = stats.keyspaces().stream()
                .map(k -> new KeyspaceLine(
                        k.keyspace(),
                        k.ttlSeconds(),
                        k.hits(),
                        k.l2Hits(),
                        k.misses(),
                        k.hitRate(),
                        k.entries(),
                        k.bytes(),
                        k.evictions(),
                        k.errors(),
                        k.averageLoadMillis()))
                .sorted(Comparator.comparing(KeyspaceLine::keyspace))
                .toList();
        return new CacheEvent(
                System.currentTimeMillis(),
                String.valueOf(stats.redis()),
                stats.redisErrors(),
                stats.invalidationsReceived(),
                stats.maxBytes(),
                stats.maxEntries(),
                lines);
    }

    private Feed resources() {
        long[] lastSent = {Long.MIN_VALUE};
        return () -> {
            List<ResourceSample> fresh = monitoring.resources().history().stream()
                    .filter(s -> s.atEpochMillis() > lastSent[0])
                    .toList();
            if (!fresh.isEmpty()) {
                lastSent[0] = fresh.get(fresh.size() - 1).atEpochMillis();
            }
            return new ResourcesEvent(
                    System.currentTimeMillis(),
                    monitoring.settings().resourceSampleInterval().toSeconds(),
                    fresh);
        };
    }

    private Feed alerts() {
        Object[] lastNewest = {null};
        int[] lastSize = {-1};
        return () -> {
            List<AlertEvent> history = monitoring.alerts().history();
            Object newest = history.isEmpty() ? null : history.get(0);
            boolean changed = history.size() != lastSize[0] || !Objects.equals(newest, lastNewest[0]);
            lastNewest[0] = newest;
            lastSize[0] = history.size();
            return new AlertsEvent(
                    System.currentTimeMillis(),
                    monitoring.alerts().active(),
                    changed ? history.subList(0, Math.min(ALERT_HISTORY_SENT, history.size())) : null,
                    changed ? history.size() : null);
        };
    }
}
