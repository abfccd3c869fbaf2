package io.headroom.load.output;

import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.server.ServerPoint;
import io.headroom.load.server.ServerReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * The report's server section: client and server series on the same time axis (the client's charted
 * seconds), so a client p99 spike can be read against the server's route p99, pool, CPU, GC and cache in
 * the same second. Several instances are combined per second: the worst (max) for latencies, waits and
 * pauses, the sum for requests, the mean for CPU and hit rate.
 */
final class ServerCharts {

    private static final int ROUTES_CHARTED = 3;

    private ServerCharts() {}

    static void render(ServerReport server, List<TimeSeriesPoint> client, double[] x, StringBuilder h) {
        h.append("<h2>Server timeline</h2><p>Polled once a second from each instance's stats document: ");
        for (var i : server.timeline().instances()) {
            h.append("<code>")
                    .append(HtmlReport.escape(i.statsUrl()))
                    .append("</code> ")
                    .append(
                            i.headroom()
                                    ? i.polls() + " polls, " + i.failedPolls() + " failed, " + i.skippedPolls()
                                            + " skipped"
                                    : HtmlReport.escape(i.warning()))
                    .append("; ");
        }
        h.append("same seconds as the client charts.</p>");
        serverThresholds(server, h);
        if (!server.timeline().hasPoints()) {
            return;
        }
        List<List<ServerPoint>> bySecond = bySecond(server.timeline().points(), x);
        h.append("<div class=\"charts\">");
        List<SvgLineChart.Series> latency = new ArrayList<>();
        latency.add(new SvgLineChart.Series(
                "client p99",
                client.stream()
                        .mapToDouble(p -> p.hasRequests() ? p.p99() : Double.NaN)
                        .toArray()));
        for (String route : busiestRoutes(server.timeline().points())) {
            latency.add(new SvgLineChart.Series(
                    "server p99 " + route,
                    combine(
                            bySecond,
                            p -> {
                                ServerPoint.RoutePoint r = p.routes().get(route);
                                return r == null ? Double.NaN : r.p99();
                            },
                            Combine.MAX)));
        }
        h.append(SvgLineChart.render("Client p99 and server p99 per route", "ms", x, latency));
        h.append(SvgLineChart.render(
                "Requests: client finished and server counted",
                "req/s",
                x,
                List.of(
                        new SvgLineChart.Series(
                                "client",
                                client.stream()
                                        .mapToDouble(TimeSeriesPoint::rps)
                                        .toArray()),
                        new SvgLineChart.Series(
                                "server", combine(bySecond, p -> p.requests() / p.intervalSeconds(), Combine.SUM)))));
        h.append(SvgLineChart.render(
                "Connection pool",
                "connections / threads",
                x,
                List.of(
                        new SvgLineChart.Series("active", combine(bySecond, ServerPoint::poolActive, Combine.SUM)),
                        new SvgLineChart.Series("waiting", combine(bySecond, ServerPoint::poolWaiting, Combine.SUM)))));
        h.append(SvgLineChart.render(
                "Pool wait and GC pause",
                "ms",
                x,
                List.of(
                        new SvgLineChart.Series(
                                "pool wait (mean)", combine(bySecond, ServerPoint::poolWaitMs, Combine.MAX)),
                        new SvgLineChart.Series("GC pause", combine(bySecond, ServerPoint::gcPauseMs, Combine.MAX)))));
        h.append(SvgLineChart.render(
                "CPU and cache hit rate",
                "0..1",
                x,
                List.of(
                        new SvgLineChart.Series("process CPU", combine(bySecond, ServerPoint::cpu, Combine.MEAN)),
                        new SvgLineChart.Series(
                                "cache hit rate", combine(bySecond, ServerPoint::cacheHitRate, Combine.MEAN)))));
        h.append("</div>");
    }

    private static void serverThresholds(ServerReport server, StringBuilder h) {
        if (server.thresholds().isEmpty()) {
            return;
        }
        h.append("<table><tr><th>Server threshold</th><th>Actual</th><th>Result</th></tr>");
        for (var t : server.thresholds()) {
            h.append("<tr><td>")
                    .append(HtmlReport.escape(t.threshold().expression()))
                    .append("</td><td>")
                    .append(
                            Double.isNaN(t.actual())
                                    ? "no server data"
                                    : String.format(Locale.ROOT, "%.3f", t.actual()))
                    .append("</td><td class=\"")
                    .append(t.passed() ? "pass\">PASS" : "fail\">FAIL")
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    /** The server points of each charted client second (a server point belongs to the nearest client second). */
    private static List<List<ServerPoint>> bySecond(List<ServerPoint> points, double[] x) {
        List<List<ServerPoint>> seconds = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            seconds.add(new ArrayList<>());
        }
        for (ServerPoint p : points) {
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i] - p.elapsedSeconds()) < 0.5) {
                    seconds.get(i).add(p);
                    break;
                }
            }
        }
        return seconds;
    }

    private static List<String> busiestRoutes(List<ServerPoint> points) {
        Map<String, Long> counts = new HashMap<>();
        points.forEach(p -> p.routes().forEach((k, r) -> counts.merge(k, r.count(), Long::sum)));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(ROUTES_CHARTED)
                .map(Map.Entry::getKey)
                .toList();
    }

    private enum Combine {
        MAX,
        SUM,
        MEAN
    }

    private static double[] combine(List<List<ServerPoint>> bySecond, ToDoubleFunction<ServerPoint> f, Combine how) {
        return bySecond.stream()
                .mapToDouble(points -> {
                    double[] v = points.stream()
                            .mapToDouble(f)
                            .filter(d -> !Double.isNaN(d))
                            .toArray();
                    if (v.length == 0) {
                        return Double.NaN;
                    }
                    DoubleStream s = DoubleStream.of(v);
                    return switch (how) {
                        case MAX -> s.max().orElse(Double.NaN);
                        case SUM -> s.sum();
                        case MEAN -> s.average().orElse(Double.NaN);
                    };
                })
                .toArray();
    }
}
