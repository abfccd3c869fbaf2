package io.headroom.load.analyze;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the per-label and Total statistics as an aligned text table (JMeter's Statistics table columns). */
public final class StatisticsTable {

    /** Said under every table: the same JTL gives other percentiles in {@code headroom load}'s summary, by design. */
    public static final String PERCENTILE_METHOD = "Percentiles as JMeter's HTML report computes them: commons-math "
            + "LEGACY estimator over each label's last "
            + String.format(Locale.ROOT, "%,d", LabelAccumulator.JMETER_WINDOW)
            + " samples (headroom load uses HdrHistogram over all samples, so its p99 of the same run can differ).";

    private static final String[] HEADER = {
        "Label",
        "Samples",
        "Errors %",
        "Mean",
        "Min",
        "Max",
        "Median",
        "p90",
        "p95",
        "p99",
        "Req/s",
        "Recv KB/s",
        "Sent KB/s"
    };

    private StatisticsTable() {}

    public static void print(JtlStatistics statistics, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        statistics.labels().values().forEach(s -> rows.add(row(s)));
        rows.add(row(statistics.total()));
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? cell + pad : pad + cell).append(i + 1 < row.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("Times in ms. " + PERCENTILE_METHOD);
        if (!statistics.errorsByType().isEmpty()) {
            long errors = statistics.total().errorCount();
            long samples = statistics.total().sampleCount();
            out.println();
            out.println("Errors by type");
            statistics
                    .errorsByType()
                    .forEach((type, count) -> out.printf(
                            Locale.ROOT,
                            "  %-40s %8d  %6.2f%% of errors  %6.2f%% of samples%n",
                            type,
                            count,
                            100.0 * count / errors,
                            100.0 * count / samples));
        }
    }

    private static String[] row(LabelStatistics s) {
        return new String[] {
            s.transaction(),
            Long.toString(s.sampleCount()),
            fmt("%.2f%%", s.errorPct()),
            fmt("%.2f", s.meanResTime()),
            fmt("%.0f", s.minResTime()),
            fmt("%.0f", s.maxResTime()),
            fmt("%.2f", s.medianResTime()),
            fmt("%.2f", s.pct1ResTime()),
            fmt("%.2f", s.pct2ResTime()),
            fmt("%.2f", s.pct3ResTime()),
            fmt("%.2f", s.throughput()),
            fmt("%.2f", s.receivedKBytesPerSec()),
            fmt("%.2f", s.sentKBytesPerSec())
        };
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
