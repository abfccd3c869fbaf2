package io.headroom.load.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A threshold on the server timeline ({@code --monitor}), written like a client one with a {@code server.}
 * name: {@code server.pool.wait.p95<5}, {@code server.cache.hitRate>0.9}, {@code server.gc.pause.max<200},
 * {@code server.cpu<0.8}, {@code server.route['/api/v1/datasets'].p99<50}. A metric is a per-second series
 * of every monitored instance; the aggregation (default {@code mean}) runs over all instance-seconds of the
 * measured run. Route latencies aggregate the server's own request samples instead (see docs/load-testing.md).
 *
 * @param route for {@link Metric#ROUTE_LATENCY} and {@link Metric#ROUTE_ERRORS}: the route template, or
 *              {@code METHOD template}; otherwise null
 * @param percentile for {@link Aggregation#PERCENTILE}; otherwise 0
 * @param limit in the metric's unit (ms for times, a fraction for ratios)
 */
public record ServerThreshold(
        String expression,
        Metric metric,
        String route,
        Aggregation aggregation,
        double percentile,
        Threshold.Comparison comparison,
        double limit) {

    /** The per-second server series a threshold can name, with their units. */
    public enum Metric {
        CPU("cpu", "process CPU, 0..1 of the machine"),
        HEAP("heap", "heap used, bytes"),
        THREADS("threads", "live threads"),
        POOL_ACTIVE("pool.active", "connections in use"),
        POOL_WAITING("pool.waiting", "threads waiting for a connection"),
        POOL_WAIT("pool.wait", "mean connection acquire time in the second, ms"),
        DB_TIME("db.time", "database time per request, ms"),
        DB_STATEMENTS("db.statements", "statements per request"),
        CACHE_HIT_RATE("cache.hitRate", "cache hits / lookups over all keyspaces, 0..1"),
        GC_PAUSE("gc.pause", "GC pause, ms"),
        GC_TIME("gc.time", "GC time per second, ms"),
        ROUTE_LATENCY("route['TEMPLATE']", "server-side response time of the route, ms (default p99)"),
        ROUTE_ERRORS("route['TEMPLATE'].errors", "5xx share of the route's requests, 0..1");

        private final String name;
        private final String meaning;

        Metric(String name, String meaning) {
            this.name = name;
            this.meaning = meaning;
        }

        public String metricName() {
            return name;
        }

        static Metric named(String name) {
            for (Metric m : values()) {
                if (m.name.equalsIgnoreCase(name) && m != ROUTE_LATENCY && m != ROUTE_ERRORS) {
                    return m;
                }
            }
            return null;
        }
    }

    public enum Aggregation {
        MEAN,
        MIN,
        MAX,
        MED,
        PERCENTILE,
        RATE
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*server\\.(route\\[\\s*'([^']+)'\\s*]|[A-Za-z.]+?)(?:\\.(min|max|mean|avg|med|p\\(?([0-9]+(?:\\.[0-9]+)?)\\)?|errors))?"
                    + "\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(%|ms|s)?\\s*");

    /** Whether {@code text} is meant as a server threshold (its name starts with {@code server.}). */
    public static boolean isServer(String text) {
        return text != null && text.strip().toLowerCase(Locale.ROOT).startsWith("server.");
    }

    public static ServerThreshold parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new ScenarioException("bad server threshold '" + text + "': expected server.METRIC[.AGGREGATION] "
                    + "< or > a number, e.g. server.cpu<0.8, server.pool.wait.p95<5; " + validNames());
        }
        String route = m.group(2);
        String agg = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT);
        Metric metric;
        if (route != null) {
            metric = "errors".equals(agg) ? Metric.ROUTE_ERRORS : Metric.ROUTE_LATENCY;
            if (agg == null) {
                agg = "p99";
            }
        } else {
            metric = Metric.named(m.group(1));
            if (metric == null || "errors".equals(agg)) {
                throw new ScenarioException("bad server threshold '" + text + "': unknown metric 'server." + m.group(1)
                        + ("errors".equals(agg) ? ".errors" : "") + "'; " + validNames());
            }
        }
        Aggregation aggregation;
        double percentile = 0;
        if (agg == null) {
            aggregation = Aggregation.MEAN;
        } else if (agg.startsWith("p")) {
            aggregation = Aggregation.PERCENTILE;
            percentile = Double.parseDouble(m.group(4));
            if (percentile <= 0 || percentile > 100) {
                throw new ScenarioException("bad server threshold '" + text + "': the percentile must be in (0, 100]");
            }
        } else {
            aggregation = switch (agg) {
                case "min" -> Aggregation.MIN;
                case "max" -> Aggregation.MAX;
                case "med" -> Aggregation.MED;
                case "errors" -> Aggregation.RATE;
                default -> Aggregation.MEAN;
            };
        }
        double limit = Double.parseDouble(m.group(6));
        String unit = m.group(7);
        if ("%".equals(unit)) {
            limit = limit / 100;
        } else if ("s".equals(unit)) {
            limit = limit * 1000;
        }
        return new ServerThreshold(
                text.strip(),
                metric,
                route == null ? null : route.strip(),
                aggregation,
                percentile,
                Threshold.Comparison.of(m.group(5)),
                limit);
    }

    /** The error text's list of what can be written. */
    static String validNames() {
        return "valid metrics: "
                + Arrays.stream(Metric.values())
                        .map(m -> "server." + m.metricName() + " (" + m.meaning + ")")
                        .collect(Collectors.joining(", "))
                + "; aggregations over the run's per-second samples: .mean (default), "
                + ".min, .max, .med, .p95 or .p(99.9)";
    }

    public boolean holds(double actual) {
        return comparison.holds(actual, limit);
    }
}
