package io.headroom.load.output;

import io.headroom.load.server.ServerPoint;
import io.headroom.load.server.ServerReport;
import io.headroom.load.server.ServerThresholdResult;
import io.headroom.load.server.ServerTimeline;
import java.io.PrintStream;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The console's server lines after a {@code --monitor} run: per instance what its polls did and the peaks
 * of its timeline (CPU, pool, GC, cache), then the server thresholds.
 */
final class ServerSummary {

    private ServerSummary() {}

    static void print(ServerReport server, PrintStream out) {
        out.println();
        List<ServerTimeline.Instance> instances = server.timeline().instances();
        for (int n = 0; n < instances.size(); n++) {
            ServerTimeline.Instance i = instances.get(n);
            out.printf(
                    Locale.ROOT,
                    "Server %s: %s%n",
                    i.statsUrl(),
                    i.headroom()
                            ? i.polls() + " polls, " + i.failedPolls() + " failed, " + i.skippedPolls() + " skipped"
                            : i.warning());
            int instance = n;
            List<ServerPoint> points = server.timeline().points().stream()
                    .filter(p -> p.instance() == instance)
                    .toList();
            String peaks = Stream.of(
                            peak("CPU max", points, ServerPoint::cpu, true, "%.2f"),
                            peak("pool waiting max", points, ServerPoint::poolWaiting, true, "%.0f"),
                            peak("pool wait max", points, ServerPoint::poolWaitMs, true, "%.2f ms"),
                            peak("GC pause max", points, ServerPoint::gcPauseMs, true, "%.0f ms"),
                            peak("cache hit rate mean", points, ServerPoint::cacheHitRate, false, "%.2f"))
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining(", "));
            if (!peaks.isEmpty()) {
                out.println("  " + peaks);
            }
        }
        if (!server.thresholds().isEmpty()) {
            out.println("Server thresholds");
            for (ServerThresholdResult t : server.thresholds()) {
                out.printf(
                        Locale.ROOT,
                        "  %-4s %-40s actual %s%n",
                        t.passed() ? "PASS" : "FAIL",
                        t.threshold().expression(),
                        Double.isNaN(t.actual()) ? "no server data" : String.format(Locale.ROOT, "%.3f", t.actual()));
            }
        }
    }

    /** "name value" over the instance's seconds that have the figure (max or mean), or null when none has. */
    private static String peak(
            String name, List<ServerPoint> points, ToDoubleFunction<ServerPoint> f, boolean max, String format) {
        DoubleSummaryStatistics stats =
                points.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).summaryStatistics();
        return stats.getCount() == 0
                ? null
                : name + " " + String.format(Locale.ROOT, format, max ? stats.getMax() : stats.getAverage());
    }
}
