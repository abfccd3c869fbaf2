package io.headroom.load.analyze;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-label and Total statistics of a JTL (CSV or XML), computed as JMeter's HTML report computes them:
 * every row counts under its own label (sub-results such as {@code label-N} are their own labels and
 * count in Total, as JMeter's report does with the default {@code jmeter.save.saveservice.subresults=true}),
 * transaction-controller rows are excluded from Total, empty controllers are ignored.
 * {@code errorsByType} counts failed samples (Total's) by JMeter's error type, most frequent first.
 */
public record JtlStatistics(
        Map<String, LabelStatistics> labels, LabelStatistics total, Map<String, Long> errorsByType) {

    public static final String TOTAL = "Total";

    public static JtlStatistics of(Path jtl) {
        Map<String, LabelAccumulator> byLabel = new LinkedHashMap<>();
        LabelAccumulator total = new LabelAccumulator(TOTAL);
        long[] rows = {0};
        Map<String, Long> errors = new LinkedHashMap<>();
        JtlReader.read(jtl, sample -> {
            if (sample.isEmptyController()) {
                return;
            }
            rows[0]++;
            byLabel.computeIfAbsent(sample.label(), LabelAccumulator::new).add(sample);
            if (!sample.isController()) {
                total.add(sample);
                if (!sample.success()) {
                    errors.merge(sample.errorType(), 1L, Long::sum);
                }
            }
        });
        if (rows[0] == 0) {
            throw new JtlFormatException(jtl + ": no samples ("
                    + (JtlReader.detect(jtl) == JtlReader.Format.XML
                            ? "no <httpSample> or <sample> in <testResults>"
                            : "nothing after the header line")
                    + ")");
        }
        Map<String, LabelStatistics> labels = new LinkedHashMap<>();
        byLabel.forEach((label, acc) -> labels.put(label, acc.result()));
        Map<String, Long> byType = new LinkedHashMap<>();
        errors.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byType.put(e.getKey(), e.getValue()));
        return new JtlStatistics(labels, total.result(), byType);
    }
}
