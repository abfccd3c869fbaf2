package io.headroom.load.analyze;

import io.headroom.load.scenario.Threshold;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the goals pass/fail table and plain recommendations for the goals that failed. */
public final class GoalReport {

    private GoalReport() {}

    public static void print(List<GoalCheck> checks, PrintStream out) {
        out.println();
        out.println("Goals");
        int width = checks.stream()
                .mapToInt(c -> c.goal().expression().length())
                .max()
                .orElse(4);
        for (GoalCheck c : checks) {
            out.printf(
                    Locale.ROOT,
                    "  %-" + width + "s  %-4s  actual %s%n",
                    c.goal().expression(),
                    c.passed() ? "PASS" : "FAIL",
                    format(c.goal(), c.actual()));
        }
        List<GoalCheck> failed = checks.stream()
                .filter(c -> !c.passed() || !c.failingLabels().isEmpty())
                .toList();
        if (failed.isEmpty()) {
            return;
        }
        out.println();
        out.println("Recommendations");
        for (GoalCheck c : failed) {
            List<String> lines = recommendations(c);
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? "  - " : "    ") + lines.get(i));
            }
        }
    }

    static List<String> recommendations(GoalCheck c) {
        Threshold g = c.goal();
        String scope = c.failingLabels().isEmpty()
                ? "overall"
                : "in "
                        + String.join(
                                ", ",
                                c.failingLabels().stream()
                                        .map(m -> "'" + m.label() + "' (" + format(g, m.actual()) + ", "
                                                + distance(g, m.actual()) + ")")
                                        .toList());
        String what = c.passed()
                ? g.metricName() + " meets " + g.expression() + " overall but not " + scope
                : g.metricName() + " misses " + g.expression() + " overall (" + format(g, c.actual()) + ", "
                        + distance(g, c.actual()) + ")" + (c.failingLabels().isEmpty() ? "" : "; worst " + scope);
        String advice = switch (g.metric()) {
            case ERROR_RATE ->
                "look at the failing responses of those labels first (response codes and messages in the JTL): "
                        + "errors usually come from timeouts, exhausted pools or bad test data.";
            case THROUGHPUT ->
                "throughput is below target: check whether the client was the limit (VUs, think time) "
                        + "before tuning the server, then look for the most-used slow label.";
            default ->
                "start with the slowest label listed: profile it under load (database queries, pool waits, "
                        + "GC), and re-run at the same rate to confirm the fix.";
        };
        return List.of(what + ".", "Next step: " + advice);
    }

    private static String format(Threshold g, double v) {
        return switch (g.metric()) {
            case ERROR_RATE -> String.format(Locale.ROOT, "%.2f%%", v * 100);
            case THROUGHPUT -> String.format(Locale.ROOT, "%.2f req/s", v);
            default -> String.format(Locale.ROOT, "%.1f ms", v);
        };
    }

    private static String distance(Threshold g, double v) {
        if (g.metric() == Threshold.Metric.ERROR_RATE) {
            return String.format(Locale.ROOT, "%+.2f percentage points vs the goal", (v - g.limit()) * 100);
        }
        if (g.limit() == 0) {
            return "limit is 0";
        }
        return String.format(Locale.ROOT, "%+.0f%% vs the goal", (v / g.limit() - 1) * 100);
    }
}
