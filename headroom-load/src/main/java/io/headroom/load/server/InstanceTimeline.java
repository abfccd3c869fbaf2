package io.headroom.load.server;

import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.server.StatsReading.RecentRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One instance's readings turned into per-second points: cumulative counters become deltas between two
 * consecutive documents, gauges are taken as read, and the requests of the recent ring that finished
 * between the two documents give the route percentiles of the interval (and, kept in a histogram per
 * route, the run's server-side percentiles for thresholds). The first reading (at the measured run's time
 * zero, or just before it) is the baseline and makes no point.
 */
final class InstanceTimeline {

    private final int index;
    private final List<ServerPoint> points = new ArrayList<>();
    private final Map<String, Histogram> routeMicros = new HashMap<>();
    private StatsReading previous;
    private StatsReading first;
    private StatsReading last;
    private final List<Map<String, Double>> statementSeconds = new ArrayList<>();
    private final List<Map<String, ServerPoint.RoutePoint>> routeSeconds = new ArrayList<>();

    InstanceTimeline(int index) {
        this.index = index;
    }

    /** Takes {@code r} as the new baseline without a point (the measured run starts here). */
    void rebase(StatsReading r) {
        previous = r;
    }

    /**
     * @param epochMillis the run's start plus {@code elapsedSeconds}
     * @param ownPolls stats requests this poller sent to the instance that the reading counts and the previous
     *                 one did not: they are taken out of the request counts, which then match the client's
     */
    void accept(StatsReading r, double elapsedSeconds, long epochMillis, long ownPolls) {
        StatsReading p = previous;
        previous = r;
        if (p == null) {
            return;
        }
        double interval = Math.max(1e-3, (r.generatedAtEpochMillis() - p.generatedAtEpochMillis()) / 1000.0);
        Map<String, List<Double>> durations = recentBetween(r, p.generatedAtEpochMillis());
        Map<String, ServerPoint.RoutePoint> routes = new LinkedHashMap<>();
        long requests = 0;
        for (var e : r.routes().entrySet()) {
            StatsReading.RouteCounts before = p.routes().getOrDefault(e.getKey(), new StatsReading.RouteCounts(0, 0));
            long count = e.getValue().count() - before.count();
            if (e.getKey().endsWith(" " + MonitorSpec.STATS_PATH)) {
                count = Math.max(0, count - ownPolls);
            }
            long errors = e.getValue().errors() - before.errors();
            List<Double> d = durations.getOrDefault(e.getKey(), List.of());
            if (count <= 0 && d.isEmpty()) {
                continue;
            }
            requests += count;
            double[] sorted =
                    d.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            routes.put(
                    e.getKey(),
                    new ServerPoint.RoutePoint(count, errors, rank(sorted, 50), rank(sorted, 99), sorted.length));
        }
        double statements = r.statements() - p.statements();
        double acquires = r.poolAcquires() - p.poolAcquires();
        boolean newResources = r.resourcesAtEpochMillis() != p.resourcesAtEpochMillis();
        double gcCount = newResources ? r.gcCount() - p.gcCount() : Double.NaN;
        double gcTime = newResources ? r.gcTimeMs() - p.gcTimeMs() : Double.NaN;
        double gcPause = gcCount > 0 ? gcTime / gcCount : newResources ? 0 : Double.NaN;
        if (r.gcLongestPauseMs() > p.gcLongestPauseMs()) {
            gcPause = Double.isNaN(gcPause) ? r.gcLongestPauseMs() : Math.max(gcPause, r.gcLongestPauseMs());
        }
        double resourceSeconds = (r.resourcesAtEpochMillis() - p.resourcesAtEpochMillis()) / 1000.0;
        points.add(new ServerPoint(
                index,
                elapsedSeconds,
                epochMillis,
                interval,
                requests,
                routes,
                r.poolActive(),
                r.poolIdle(),
                r.poolWaiting(),
                fromMeans(r.poolAcquireMs(), p.poolAcquireMs(), r.poolAcquires() + p.poolAcquires(), acquires),
                r.poolAcquireP95Ms(),
                fromMeans(r.dbTimeMs(), p.dbTimeMs(), r.statements() + p.statements(), (double) requests),
                requests > 0 ? statements / requests : Double.NaN,
                hitRate(r, p, null),
                hitRates(r, p),
                gcCount,
                gcPause,
                newResources && resourceSeconds > 0 ? gcTime / resourceSeconds : Double.NaN,
                r.cpu(),
                r.heapUsedBytes(),
                r.threads(),
                r.systemCpu(),
                r.cpuOfAvailable(),
                r.poolMax()));
        statementSeconds.add(statementDeltas(r, p));
        routeSeconds.add(routes);
        if (first == null) {
            first = p;
        }
        last = r;
    }

    /** Per statement, executions in the interval (statements in the top list of both readings only). */
    private static Map<String, Double> statementDeltas(StatsReading r, StatsReading p) {
        Map<String, Double> deltas = new HashMap<>();
        r.topStatements().forEach((sql, now) -> {
            StatsReading.StatementCounts before = p.topStatements().get(sql);
            if (before != null) {
                deltas.put(sql, now.count() - before.count());
            }
        });
        return deltas;
    }

    /**
     * The statements the service ran during the run (from the query monitor's top list: the last reading less
     * the first), each with the routes whose per-second request counts follow its per-second executions.
     */
    List<StatementUse> statements() {
        if (first == null) {
            return List.of();
        }
        List<StatementUse> uses = new ArrayList<>();
        for (var e : last.topStatements().entrySet()) {
            StatsReading.StatementCounts before = first.topStatements().get(e.getKey());
            double count = e.getValue().count() - (before == null ? 0 : before.count());
            double total = e.getValue().totalMs() - (before == null ? 0 : before.totalMs());
            if (count > 0) {
                uses.add(new StatementUse(
                        e.getKey(),
                        e.getValue().type(),
                        (long) count,
                        total,
                        StatementRoutes.following(e.getKey(), statementSeconds, routeSeconds)));
            }
        }
        return uses;
    }

    /** The document rounds a mean to 1 µs; count x mean then carries up to count x 0.5 µs of error per reading. */
    static final double MEAN_ROUNDING_MS = 0.0005;

    /**
     * (total now − total before) / {@code per}, where each total is count × a mean rounded by the document, or
     * NaN when that rounding could make up more than a tenth of the figure (and over 10 µs): on a service with a
     * long history and a quiet second the difference says nothing, and absent is better than wrong.
     */
    static double fromMeans(double totalNow, double totalBefore, double countsInBoth, double per) {
        if (!(per > 0)) {
            return Double.NaN;
        }
        double value = (totalNow - totalBefore) / per;
        double error = countsInBoth * MEAN_ROUNDING_MS / per;
        return error > 0.01 && error > 0.1 * Math.abs(value) ? Double.NaN : value;
    }

    List<ServerPoint> points() {
        return points;
    }

    /** The run's server-side response times per route, microseconds. */
    Map<String, Histogram> routeMicros() {
        return routeMicros;
    }

    /** The ring's requests that finished after {@code afterEpochMillis}, per route; recorded for the run too. */
    private Map<String, List<Double>> recentBetween(StatsReading r, long afterEpochMillis) {
        Map<String, List<Double>> byRoute = new HashMap<>();
        for (RecentRequest q : r.recent()) {
            if (q.atEpochMillis() > afterEpochMillis && q.atEpochMillis() <= r.generatedAtEpochMillis()) {
                byRoute.computeIfAbsent(q.route(), k -> new ArrayList<>()).add(q.durationMs());
                routeMicros
                        .computeIfAbsent(q.route(), k -> new Histogram(3))
                        .recordValue(Math.max(1, Math.round(q.durationMs() * 1000)));
            }
        }
        return byRoute;
    }

    private static double hitRate(StatsReading r, StatsReading p, String only) {
        double hits = 0;
        double lookups = 0;
        for (var e : r.cache().entrySet()) {
            if (only != null && !only.equals(e.getKey())) {
                continue;
            }
            StatsReading.CacheCounts before = p.cache().getOrDefault(e.getKey(), new StatsReading.CacheCounts(0, 0));
            double h = e.getValue().hits() - before.hits();
            double m = e.getValue().misses() - before.misses();
            if (!Double.isNaN(h) && !Double.isNaN(m)) {
                hits += h;
                lookups += h + m;
            }
        }
        return lookups > 0 ? hits / lookups : Double.NaN;
    }

    private static Map<String, Double> hitRates(StatsReading r, StatsReading p) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String keyspace : r.cache().keySet()) {
            double rate = hitRate(r, p, keyspace);
            if (!Double.isNaN(rate)) {
                rates.put(keyspace, rate);
            }
        }
        return rates;
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double rank(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.clamp(i, 0, sorted.length - 1)];
    }

    static double rank(List<Double> values, double percentile) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return rank(sorted, percentile);
    }
}
