package io.headroom.toolkit.monitor;

import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.metrics.RouteSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request metrics per route template (MON-1..3). Independent of any web framework: an adapter
 * (the Helidon filter) calls {@link #record} once per request with the matched route template,
 * never the raw path, so the number of series stays bounded by the route table.
 *
 * <p>The recording path does two map look-ups, a wait-free histogram write, a few striped
 * counter increments and a ring-buffer write, and allocates nothing once a route has been seen
 * (measured by {@code RequestRecordingBenchmark}). It deliberately does not update a Micrometer
 * timer: with a percentile histogram that more than doubled the cost per request, and the
 * Prometheus series are derived from these same recorders at scrape time instead
 * ({@link RequestMetricsCollector}).
 */
public final class RequestMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestMonitor.class);
    private static final int SLOW_LOG_CAPACITY = 100;

    private final int intervalsPerMinute;
    private final long slowThresholdNanos;
    /** route template → method → stats; two look-ups instead of one on a concatenated key (which would allocate). */
    private final Map<String, Map<String, RouteStats>> routes = new ConcurrentHashMap<>();

    private final RecentRequests recent;
    private final ArrayDeque<SlowRequest> slowLog = new ArrayDeque<>();
    private volatile AllocationSampler allocations;

    public RequestMonitor(Duration slowThreshold, int recentCapacity, int intervalsPerMinute) {
        this.slowThresholdNanos = slowThreshold.toNanos();
        this.intervalsPerMinute = intervalsPerMinute;
        this.recent = new RecentRequests(recentCapacity);
    }

    /** Records one finished request. {@code route} is the route template, e.g. {@code /api/v1/datasets/{id}}. */
    public void record(String method, String route, int status, long nanos, long bytesOut, long atEpochMillis) {
        stats(method, route).record(status, nanos, bytesOut);
        recent.add(atEpochMillis, method, route, status, nanos, bytesOut);
    }

    /** True when a request of this duration belongs in the slow-request log. */
    public boolean isSlow(long nanos) {
        return slowThresholdNanos > 0 && nanos >= slowThresholdNanos;
    }

    /** Logs and keeps a slow request whose cost is complete (off the fast path: only requests over the threshold get here). */
    public void recordSlow(SlowRequest slow) {
        stats(slow.method(), slow.route()).countSlow();
        keepSlow(slow);
    }

    /**
     * Counts a slow request at once and logs and keeps it once its cost is complete. On a virtual
     * thread with an {@link AllocationSampler} attached, that is when the sampler has the estimate
     * of its allocated bytes (1–2 s later, on the sampler's thread; at most
     * {@link AllocationSampler#GIVE_UP_AFTER}); otherwise at once. {@code startNanos} and
     * {@code endNanos} are the request's {@code System.nanoTime()} bounds on {@code handler}.
     */
    public void recordSlow(SlowRequest slow, Thread handler, long startNanos, long endNanos) {
        AllocationSampler sampler = allocations;
        if (sampler == null
                || !handler.isVirtual()
                || slow.cost().allocatedBytesSource() != RequestCost.AllocationSource.UNAVAILABLE) {
            recordSlow(slow);
            return;
        }
        stats(slow.method(), slow.route()).countSlow();
        sampler.estimate(
                handler.threadId(),
                startNanos,
                endNanos,
                bytes -> keepSlow(new SlowRequest(
                        slow.atEpochMillis(),
                        slow.method(),
                        slow.route(),
                        slow.path(),
                        slow.status(),
                        slow.durationMs(),
                        slow.cost().withEstimatedAllocation(bytes),
                        slow.requestId())));
    }

    /** Attaches the sampler that estimates allocation on virtual threads (null: none, allocation there stays -1). */
    void estimateAllocationsWith(AllocationSampler sampler) {
        this.allocations = sampler;
    }

    private void keepSlow(SlowRequest slow) {
        RequestCost.Breakdown cost = slow.cost();
        LOG.warn(
                "Slow request {} {} ({}) id {} status {} took {} ms: db {} ms in {} statements, cache {} hits / {} misses, {} bytes allocated ({})",
                slow.method(),
                slow.route(),
                slow.path(),
                slow.requestId(),
                slow.status(),
                slow.durationMs(),
                cost.dbMs(),
                cost.dbStatements(),
                cost.cacheHits(),
                cost.cacheMisses(),
                cost.allocatedBytes(),
                cost.allocatedBytesSource().name().toLowerCase(Locale.ROOT));
        synchronized (slowLog) {
            if (slowLog.size() == SLOW_LOG_CAPACITY) {
                slowLog.removeFirst();
            }
            slowLog.addLast(slow);
        }
    }

    /** Closes the current interval of every route's windows. */
    public void roll() {
        routes.values().forEach(byMethod -> byMethod.values().forEach(RouteStats::roll));
    }

    public List<RouteSnapshot> routes() {
        List<RouteSnapshot> out = new ArrayList<>();
        routes.values().forEach(byMethod -> byMethod.values().forEach(s -> out.add(s.snapshot())));
        out.sort(Comparator.comparing(RouteSnapshot::route).thenComparing(RouteSnapshot::method));
        return out;
    }

    public List<RecentRequest> recentRequests(int limit) {
        return recent.newest(limit);
    }

    /** Newest first. */
    public List<SlowRequest> slowRequests() {
        synchronized (slowLog) {
            List<SlowRequest> out = new ArrayList<>(slowLog);
            Collections.reverse(out);
            return out;
        }
    }

    List<RequestMetricsCollector.RouteSeries> series(long[] upperBoundsMicros) {
        List<RequestMetricsCollector.RouteSeries> out = new ArrayList<>();
        routes.values().forEach(byMethod -> byMethod.values().forEach(s -> out.add(s.series(upperBoundsMicros))));
        return out;
    }

    public long totalRequests() {
        return recent.total();
    }

    private RouteStats stats(String method, String route) {
        Map<String, RouteStats> byMethod = routes.get(route);
        if (byMethod == null) {
            byMethod = routes.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        }
        RouteStats stats = byMethod.get(method);
        if (stats == null) {
            stats = byMethod.computeIfAbsent(method, m -> new RouteStats(m, route, intervalsPerMinute));
        }
        return stats;
    }
}
