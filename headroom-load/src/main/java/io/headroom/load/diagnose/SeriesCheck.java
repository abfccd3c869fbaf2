package io.headroom.load.diagnose;

import io.headroom.load.server.Correlation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * One per-second series checked against a bound: in how many seconds it crossed, from when, its peak and
 * median, and how it moves with the client's p99. The figures a finding quotes as evidence.
 */
final class SeriesCheck {

    private SeriesCheck() {}

    static Finding.Evidence of(
            List<RunEvidence.Second> seconds,
            String series,
            String bound,
            ToDoubleFunction<RunEvidence.Second> value,
            DoublePredicate crossed,
            String note) {
        List<Double> values = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        int first = -1;
        int count = 0;
        double peak = Double.NaN;
        for (RunEvidence.Second s : seconds) {
            double v = value.applyAsDouble(s);
            if (Double.isNaN(v)) {
                continue;
            }
            values.add(v);
            p99.add(s.clientP99());
            peak = Double.isNaN(peak) ? v : Math.max(peak, v);
            if (crossed.test(v)) {
                count++;
                if (first < 0) {
                    first = (int) Math.max(0, Math.ceil(s.at() - 1 - 1e-6));
                }
            }
        }
        return new Finding.Evidence(
                series,
                bound,
                first,
                count,
                values.size(),
                peak,
                median(values),
                Correlation.pearson(values, p99),
                note);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The median over the seconds of {@code value}, NaN values skipped. */
    static double median(List<RunEvidence.Second> seconds, ToDoubleFunction<RunEvidence.Second> value) {
        List<Double> v = new ArrayList<>();
        for (RunEvidence.Second s : seconds) {
            double x = value.applyAsDouble(s);
            if (!Double.isNaN(x)) {
                v.add(x);
            }
        }
        return median(v);
    }

    /** The share of seconds (with a value) in which it crossed. */
    static double fraction(Finding.Evidence e) {
        return e.secondsSeen() == 0 ? 0 : (double) e.secondsCrossed() / e.secondsSeen();
    }
}
