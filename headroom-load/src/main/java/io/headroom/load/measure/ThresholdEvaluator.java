package io.headroom.load.measure;

import io.headroom.load.scenario.Threshold;
import io.headroom.load.scenario.ThresholdSpec;
import java.util.List;

/**
 * Evaluates thresholds against the measurements. Percentiles come straight from the cumulative
 * HdrHistograms (any percentile, e.g. p(99.9)); a label with no samples yet passes (nothing measured).
 */
public final class ThresholdEvaluator {

    private ThresholdEvaluator() {}

    /** Where percentiles come from: a live run's histograms, or the merged histograms of several processes. */
    @FunctionalInterface
    public interface Percentiles {
        /** The {@code p}-th percentile of the response time (ms) of {@code label} or {@link RunMetrics#TOTAL}. */
        double percentile(String label, double p);
    }

    public static List<ThresholdResult> evaluate(List<ThresholdSpec> specs, RunMetrics metrics, RunSummary summary) {
        return evaluate(specs, metrics::percentile, summary);
    }

    public static List<ThresholdResult> evaluate(
            List<ThresholdSpec> specs, Percentiles percentiles, RunSummary summary) {
        return specs.stream().map(spec -> evaluate(spec, percentiles, summary)).toList();
    }

    static ThresholdResult evaluate(ThresholdSpec spec, Percentiles metrics, RunSummary summary) {
        String label = spec.label() == null ? RunMetrics.TOTAL : spec.label();
        LabelSummary s = summary.label(label).orElse(null);
        if (s == null || s.count() == 0) {
            return new ThresholdResult(spec, Double.NaN, true);
        }
        Threshold t = spec.threshold();
        double actual = switch (t.metric()) {
            case PERCENTILE -> metrics.percentile(label, t.percentile());
            case AVG -> s.avg();
            case MED -> s.med();
            case MIN -> s.min();
            case MAX -> s.max();
            case ERROR_RATE -> s.errorRate();
            case THROUGHPUT -> s.rps();
        };
        return new ThresholdResult(spec, actual, t.holds(actual));
    }
}
