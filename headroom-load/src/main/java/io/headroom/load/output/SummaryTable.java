package io.headroom.load.output;

import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.ThresholdResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-of-run summary on the terminal: per-label table, thresholds and regressions with pass/fail. */
public final class SummaryTable {

    private static final String[] HEADER = {"Label", "Requests", "Errors", "Req/s", "Avg", "Min", "Med", "p90",
            "p95", "p99", "Max", "Svc p99"};

    private SummaryTable() {
    }

    public static void print(RunReport report, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%s: %s against %s, %.1f s%s%n", report.scenario(), report.executor(),
                report.target(), report.summary().durationSeconds(),
                report.summary().dropped() > 0 ? ", " + report.summary().dropped() + " iterations dropped" : "");
        if (report.stopReason() != null) {
            out.println("Stopped early: " + report.stopReason());
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        report.summary().labels().forEach(l -> rows.add(row(l)));
        rows.add(row(report.summary().total()));
        printAligned(rows, out);
        out.println("Times in ms, measured from the intended send time; 'Svc p99' is the service time "
                + "(from the actual send).");
        if (!report.thresholds().isEmpty()) {
            out.println();
            out.println("Thresholds");
            for (ThresholdResult t : report.thresholds()) {
                out.printf(Locale.ROOT, "  %-4s %-16s %-14s actual %s%n", t.passed() ? "PASS" : "FAIL",
                        t.spec().scope(), t.spec().threshold().expression(),
                        Double.isNaN(t.actual()) ? "no samples" : String.format(Locale.ROOT, "%.3f", t.actual()));
            }
        }
        if (!report.regressions().isEmpty()) {
            out.println();
            out.println("Regression against baseline");
            for (Regression g : report.regressions()) {
                out.printf(Locale.ROOT, "  %-4s %-10s baseline %.3f  now %.3f  (allowed +%.0f%%)%n",
                        g.passed() ? "PASS" : "FAIL", g.metric(), g.baseline(), g.current(), g.allowed() * 100);
            }
        }
        out.println();
        out.println(report.passed() ? "PASSED" : "FAILED");
    }

    private static String[] row(LabelSummary l) {
        return new String[] {l.label(), Long.toString(l.count()),
                String.format(Locale.ROOT, "%d (%.2f%%)", l.errors(), l.errorRate() * 100), f(l.rps()), f(l.avg()),
                f(l.min()), f(l.med()), f(l.p90()), f(l.p95()), f(l.p99()), f(l.max()), f(l.serviceP99())};
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
