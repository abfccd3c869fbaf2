package io.headroom.load.analyze;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Accumulates one label's statistics exactly as JMeter's HTML report does, so the numbers are equal
 * to the last digit: a running commons-math {@link Mean} over all samples, and percentiles with the
 * LEGACY estimator over a rolling window of the last {@value #JMETER_WINDOW} samples
 * ({@code jmeter.reportgenerator.statistic_window}).
 */
final class LabelAccumulator {

    static final int JMETER_WINDOW = 20_000;

    private final String label;
    private final Mean mean = new Mean();
    private final DescriptiveStatistics window = new DescriptiveStatistics(JMETER_WINDOW);
    private long count;
    private long errors;
    private long bytes;
    private long sentBytes;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long firstStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    LabelAccumulator(String label) {
        this.label = label;
        window.setPercentileImpl(new Percentile().withEstimationType(EstimationType.LEGACY));
    }

    void add(JtlSample s) {
        count++;
        if (!s.success()) {
            errors++;
        }
        bytes += s.bytes();
        sentBytes += s.sentBytes();
        mean.increment((double) s.elapsed());
        window.addValue((double) s.elapsed());
        min = Math.min(min, s.elapsed());
        max = Math.max(max, s.elapsed());
        firstStart = Math.min(firstStart, s.startTime());
        lastEnd = Math.max(lastEnd, s.endTime());
    }

    LabelStatistics result() {
        if (count == 0) {
            return new LabelStatistics(label, 0, 0, 0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        double seconds = (lastEnd - firstStart) / 1000.0;
        return new LabelStatistics(
                label,
                count,
                errors,
                (float) ((double) errors * 100 / count),
                mean.getResult(),
                window.getPercentile(50),
                min,
                max,
                window.getPercentile(90),
                window.getPercentile(95),
                window.getPercentile(99),
                count / (double) (lastEnd - firstStart) * 1000.0,
                bytes / seconds / 1024,
                sentBytes / seconds / 1024);
    }
}
