package io.headroom.load.server;

import io.headroom.load.scenario.ServerThreshold;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Evaluates server thresholds on a recorded timeline. A per-second metric pools every instance-second of
 * the measured run that has a value (a second with nothing to derive it from, NaN, is left out) and
 * aggregates them: mean (the default), min, max, med or a percentile (nearest rank). A route's latency
 * aggregates the server's own request samples of that route over the run (all instances, every method
 * unless the route names one); its {@code errors} is 5xx / requests over the run. A threshold with no data
 * fails: it was asked for and could not be checked.
 */
public final class ServerThresholdEvaluator {

    private ServerThresholdEvaluator() {}

    public static List<ServerThresholdResult> evaluate(List<ServerThreshold> thresholds, ServerTimeline timeline) {
        return thresholds.stream()
                .map(t -> {
                    double actual = actual(t, timeline);
                    return new ServerThresholdResult(t, actual, !Double.isNaN(actual) && t.holds(actual));
                })
                .toList();
    }

    static double actual(ServerThreshold t, ServerTimeline timeline) {
        return switch (t.metric()) {
            case ROUTE_LATENCY -> routeLatency(t, timeline.routeMicros());
            case ROUTE_ERRORS -> routeErrors(t.route(), timeline.points());
            default ->
                aggregate(
                        t,
                        timeline.points().stream()
                                .mapToDouble(series(t.metric()))
                                .filter(v -> !Double.isNaN(v))
                                .toArray());
        };
    }

    private static ToDoubleFunction<ServerPoint> series(ServerThreshold.Metric metric) {
        return switch (metric) {
            case CPU -> ServerPoint::cpu;
            case HEAP -> ServerPoint::heapUsedBytes;
            case THREADS -> ServerPoint::threads;
            case POOL_ACTIVE -> ServerPoint::poolActive;
            case POOL_WAITING -> ServerPoint::poolWaiting;
            case POOL_WAIT -> ServerPoint::poolWaitMs;
            case DB_TIME -> ServerPoint::dbTimeMsPerRequest;
            case DB_STATEMENTS -> ServerPoint::statementsPerRequest;
            case CACHE_HIT_RATE -> ServerPoint::cacheHitRate;
            case GC_PAUSE -> ServerPoint::gcPauseMs;
            case GC_TIME -> ServerPoint::gcTimeMs;
            case ROUTE_LATENCY, ROUTE_ERRORS -> throw new IllegalArgumentException(metric + " is not a series");
        };
    }

    static double aggregate(ServerThreshold t, double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        return switch (t.aggregation()) {
            case MIN -> values[0];
            case MAX -> values[values.length - 1];
            case MED -> InstanceTimeline.rank(values, 50);
            case PERCENTILE -> InstanceTimeline.rank(values, t.percentile());
            case MEAN, RATE -> Arrays.stream(values).average().orElse(Double.NaN);
        };
    }

    /** Whether a {@code METHOD template} key is the threshold's route (a bare template matches every method). */
    static boolean matches(String routeKey, String route) {
        return routeKey.equals(route) || routeKey.endsWith(" " + route);
    }

    private static double routeLatency(ServerThreshold t, Map<String, Histogram> routeMicros) {
        Histogram all = new Histogram(3);
        routeMicros.forEach((key, h) -> {
            if (matches(key, t.route())) {
                all.add(h);
            }
        });
        if (all.getTotalCount() == 0) {
            return Double.NaN;
        }
        return switch (t.aggregation()) {
            case MIN -> all.getMinValue() / 1000.0;
            case MAX -> all.getMaxValue() / 1000.0;
            case MEAN, RATE -> all.getMean() / 1000.0;
            case MED -> all.getValueAtPercentile(50) / 1000.0;
            case PERCENTILE -> all.getValueAtPercentile(t.percentile()) / 1000.0;
        };
    }

    private static double routeErrors(String route, List<ServerPoint> points) {
        long count = 0;
        long errors = 0;
        for (ServerPoint p : points) {
            for (var e : p.routes().entrySet()) {
                if (matches(e.getKey(), route)) {
                    count += e.getValue().count();
                    errors += e.getValue().errors();
                }
            }
        }
        return count == 0 ? Double.NaN : (double) errors / count;
    }
}
