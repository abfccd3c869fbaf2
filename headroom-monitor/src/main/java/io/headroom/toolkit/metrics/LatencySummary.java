package io.headroom.toolkit.metrics;

import org.HdrHistogram.AbstractHistogram;

/**
 * Count and latency distribution of one window, in milliseconds. Percentiles carry
 * HdrHistogram's precision ({@link WindowedLatency#SIGNIFICANT_DIGITS} significant digits).
 */
public record LatencySummary(
        long count,
        double minMs,
        double avgMs,
        double p50Ms,
        double p90Ms,
        double p95Ms,
        double p99Ms,
        double p999Ms,
        double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Summarises a histogram whose values are microseconds. */
    public static LatencySummary ofMicros(AbstractHistogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                ms(h.getMinValue()),
                round(h.getMean() / 1000.0),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}
