package io.headroom.load.diagnose;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The diagnosis on the terminal: findings by impact with their evidence, then the recommendations by horizon. */
public final class DiagnosisText {

    private DiagnosisText() {}

    public static void print(Diagnosis d, PrintStream out) {
        out.println();
        out.println("Diagnosis" + (d.serverSide() ? " (client and server correlated)" : ""));
        if (d.note() != null) {
            out.println("  Note: " + d.note() + ".");
        }
        if (d.findings().isEmpty()) {
            out.println("  No bottleneck found: no series crossed its bound for long enough to matter.");
            return;
        }
        int n = 1;
        for (Finding f : d.findings()) {
            out.printf(
                    Locale.ROOT,
                    "  %d. [%s, %s, impact %d/10] %s%n",
                    n++,
                    f.category().text(),
                    f.severity().name().toLowerCase(Locale.ROOT),
                    f.impact(),
                    f.title());
            if (!f.labels().isEmpty() || !f.routes().isEmpty()) {
                out.println("     affects: " + join(f.labels(), "labels") + join(f.routes(), "routes"));
            }
            for (Finding.Evidence e : f.evidence()) {
                out.println("     evidence: " + evidence(e));
            }
        }
        out.println("  Recommendations");
        for (Diagnosis.Ranked r : d.recommendations()) {
            out.printf(
                    Locale.ROOT,
                    "    %-10s %s%n",
                    r.recommendation().horizon().text(),
                    r.recommendation().text());
        }
    }

    public static String evidence(Finding.Evidence e) {
        StringBuilder b = new StringBuilder(e.series()).append(' ').append(e.bound());
        if (e.firstSecond() >= 0) {
            b.append(String.format(
                    Locale.ROOT,
                    " from second %d, in %d of %d s",
                    e.firstSecond(),
                    e.secondsCrossed(),
                    e.secondsSeen()));
        }
        b.append(String.format(Locale.ROOT, "; peak %s, median %s", num(e.peak()), num(e.typical())));
        if (!Double.isNaN(e.correlation())) {
            b.append(String.format(Locale.ROOT, "; r = %.2f with client p99", e.correlation()));
        }
        return b.append(" (").append(e.note()).append(')').toString();
    }

    private static String join(List<String> items, String what) {
        return items.isEmpty() ? "" : what + " " + String.join(", ", items) + "  ";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
