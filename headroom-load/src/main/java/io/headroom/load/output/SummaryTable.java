package io.headroom.load.output;

import io.headroom.load.diagnose.DiagnosisText;
import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.ThresholdResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-of-run summary on the terminal: what was prepared before time zero, the per-label table and
 * its percentile method, the warm-up apart, the seconds the generator fell behind its schedule,
 * thresholds and regressions with pass/fail.
 */
public final class SummaryTable {

    private static final String[] HEADER = {
        "Label", "Requests", "Errors", "Req/s", "Avg", "Min", "Med", "p90", "p95", "p99", "Max", "Svc p99"
    };

    private SummaryTable() {}

    public static void print(RunReport report, PrintStream out) {
        out.println();
        out.printf(
                Locale.ROOT,
                "%s: %s against %s, %.1f s%s%n",
                report.scenario(),
                report.executor(),
                report.target(),
                report.summary().durationSeconds(),
                report.summary().dropped() > 0 ? ", " + report.summary().dropped() + " iterations dropped" : "");
        if (report.stopReason() != null) {
            out.println("Stopped early: " + report.stopReason());
        }
        out.println("Before time zero: " + report.preparation().describe() + ".");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        report.summary().labels().forEach(l -> rows.add(row(l)));
        rows.add(row(report.summary().total()));
        if (report.warmup() != null) {
            LabelSummary w = report.warmup().total();
            rows.add(row("Warm-up (apart)", w));
        }
        printAligned(rows, out);
        out.println("Times in ms, measured from the intended send time; 'Svc p99' is the service time "
                + "(from the actual send).");
        out.println("Percentiles: " + RunReport.PERCENTILE_METHOD + ".");
        if (report.warmup() != null) {
            out.printf(
                    Locale.ROOT,
                    "Warm-up: %.1f s at the scenario's opening rate before the run, measured apart: "
                            + "not in Total, the thresholds or results.jtl.%n",
                    report.warmup().durationSeconds());
        }
        printBehindSchedule(report, out);
        LabelSummary total = report.summary().total();
        if (total.cacheHits() + total.cacheMisses() > 0) {
            out.printf(
                    Locale.ROOT,
                    "Cache hits by response headers (CF-Cache-Status, else X-Cache-Status, else X-Cache, "
                            + "else Age): %.1f %% (%d hits, %d misses; %d responses without them not counted).%n",
                    100 * total.cacheHitRatio(),
                    total.cacheHits(),
                    total.cacheMisses(),
                    total.count() - total.cacheHits() - total.cacheMisses());
        }
        if (!report.thresholds().isEmpty()) {
            out.println();
            out.println("Thresholds");
            for (ThresholdResult t : report.thresholds()) {
                out.printf(
                        Locale.ROOT,
                        "  %-4s %-16s %-14s actual %s%n",
                        t.passed() ? "PASS" : "FAIL",
                        t.spec().scope(),
                        t.spec().threshold().expression(),
                        Double.isNaN(t.actual()) ? "no samples" : String.format(Locale.ROOT, "%.3f", t.actual()));
            }
        }
        if (report.server() != null) {
            ServerSummary.print(report.server(), out);
        }
        if (!report.regressions().isEmpty()) {
            out.println();
            out.println("Regression against baseline");
            for (Regression g : report.regressions()) {
                out.printf(
                        Locale.ROOT,
                        "  %-4s %-10s baseline %.3f  now %.3f  (allowed +%.0f%%)%n",
                        g.passed() ? "PASS" : "FAIL",
                        g.metric(),
                        g.baseline(),
                        g.current(),
                        g.allowed() * 100);
                if (g.cause() != null) {
                    g.cause().lines().forEach(l -> out.println("       " + l));
                }
            }
        }
        if (report.diagnosis() != null) {
            DiagnosisText.print(report.diagnosis(), out);
        }
        out.println();
        if (!report.anySucceeded()) {
            out.println("No request succeeded (" + report.summary().total().count() + " finished, "
                    + report.summary().total().errors() + " failed): the run fails even without thresholds.");
        }
        out.println(report.passed() ? "PASSED" : "FAILED");
    }

    private static void printBehindSchedule(RunReport report, PrintStream out) {
        var behind = report.behindSchedule();
        if (behind == null) {
            return;
        }
        if (behind.seconds().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "The generator kept its schedule: every request sent within %.0f ms of its "
                            + "intended time, none dropped.%n",
                    behind.boundMs());
            return;
        }
        List<String> seconds = behind.seconds().stream()
                .map(b -> String.format(
                        Locale.ROOT,
                        "%d (lag %.1f ms%s)",
                        b.second(),
                        b.maxSendLagMs(),
                        b.dropped() > 0 ? ", " + b.dropped() + " dropped" : ""))
                .toList();
        out.printf(
                Locale.ROOT,
                "The generator fell behind its schedule (a send more than %.0f ms late, or iterations "
                        + "dropped) in %d second(s): %s. Response times of those seconds partly measure the generator "
                        + "(raise maxVUs / preAllocatedVUs, or add --warmup).%n",
                behind.boundMs(),
                seconds.size(),
                String.join(", ", seconds));
    }

    private static String[] row(LabelSummary l) {
        return row(l.label(), l);
    }

    private static String[] row(String label, LabelSummary l) {
        return new String[] {
            label,
            Long.toString(l.count()),
            String.format(Locale.ROOT, "%d (%.2f%%)", l.errors(), l.errorRate() * 100),
            f(l.rps()),
            f(l.avg()),
            f(l.min()),
            f(l.med()),
            f(l.p90()),
            f(l.p95()),
            f(l.p99()),
            f(l.max()),
            f(l.serviceP99())
        };
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void printAligned(List<String[]> rows, PrintStream out) {
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? r[i] + pad : pad + r[i]).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
