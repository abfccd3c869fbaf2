package io.headroom.toolkit.monitor;

import io.headroom.toolkit.metrics.RouteSnapshot;
import io.headroom.toolkit.metrics.WindowedLatency;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything recorded for one route template and method. Counters are {@link LongAdder}s
 * (striped, so concurrent requests do not contend on one cache line). Prometheus reads these
 * same figures at scrape time ({@link RequestMetricsCollector}); nothing is recorded twice.
 */
final class RouteStats {
    private final String method;
    private final String route;
    private final WindowedLatency latency;
    private final LongAdder errors = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LongAdder[] statusClasses = {
        new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()
    };
    private final LongAdder totalNanos = new LongAdder();
    /** Errors seen at the previous roll: the per-minute error rate is derived from snapshots. */
    private final ErrorWindow errorWindow;

    RouteStats(String method, String route, int intervalsPerMinute) {
        this.method = method;
        this.route = route;
        this.latency = new WindowedLatency(intervalsPerMinute);
        this.errorWindow = new ErrorWindow(intervalsPerMinute);
    }

    void record(int status, long nanos, long bytes) {
        latency.recordNanos(nanos);
        int statusClass = Math.min(Math.max(status / 100, 1), 5) - 1;
        statusClasses[statusClass].increment();
        if (status >= 500) {
            errors.increment();
        }
        if (bytes > 0) {
            bytesOut.add(bytes);
        }
        totalNanos.add(nanos);
    }

    void countSlow() {
        slow.increment();
    }

    void roll() {
        latency.roll();
        errorWindow.roll(total(), errors.sum());
    }

    long total() {
        long sum = 0;
        for (LongAdder a : statusClasses) {
            sum += a.sum();
        }
        return sum;
    }

    RouteSnapshot snapshot() {
        long[] classes = new long[5];
        for (int i = 0; i < 5; i++) {
            classes[i] = statusClasses[i].sum();
        }
        long total = total();
        long errorCount = errors.sum();
        ErrorWindow.Rate lastMinute = errorWindow.lastMinute(total, errorCount);
        return new RouteSnapshot(
                method,
                route,
                total,
                errorCount,
                slow.sum(),
                bytesOut.sum(),
                new RouteSnapshot.StatusClasses(classes[0], classes[1], classes[2], classes[3], classes[4]),
                lastMinute.requests(),
                lastMinute.errorRate(),
                latency.lastMinute(),
                latency.lastFiveMinutes(),
                latency.sinceStart(),
                latency.previousMinute());
    }

    /** Since-start figures in Prometheus's shape: cumulative bucket counts, sum in seconds, per-status counters. */
    RequestMetricsCollector.RouteSeries series(long[] upperBoundsMicros) {
        long[] classes = new long[5];
        for (int i = 0; i < 5; i++) {
            classes[i] = statusClasses[i].sum();
        }
        long[] cumulative = latency.countsAtOrBelow(upperBoundsMicros);
        return new RequestMetricsCollector.RouteSeries(
                method,
                route,
                cumulative,
                latency.totalCount(),
                totalNanos.sum() / 1e9,
                classes,
                bytesOut.sum(),
                slow.sum());
    }

    /** Requests and errors per minute from cumulative counters sampled at each roll. */
    private static final class ErrorWindow {
        private final long[] totals;
        private final long[] errors;
        private int newest;

        ErrorWindow(int intervalsPerMinute) {
            totals = new long[intervalsPerMinute];
            errors = new long[intervalsPerMinute];
        }

        synchronized void roll(long total, long errorCount) {
            newest = (newest + 1) % totals.length;
            totals[newest] = total;
            errors[newest] = errorCount;
        }

        /** Since the oldest kept sample, i.e. about the last minute. */
        synchronized Rate lastMinute(long total, long errorCount) {
            int oldest = (newest + 1) % totals.length;
            long requests = total - totals[oldest];
            long errs = errorCount - errors[oldest];
            return new Rate(requests, requests == 0 ? 0 : (double) errs / requests);
        }

        record Rate(long requests, double errorRate) {}
    }
}
