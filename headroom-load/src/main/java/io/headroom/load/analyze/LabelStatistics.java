package io.headroom.load.analyze;

/**
 * The statistics of one label (or "Total"), with JMeter's {@code statistics.json} field meanings.
 * Times are in milliseconds; {@code errorPct} is a float because that is what JMeter's report writes.
 */
public record LabelStatistics(
        String transaction,
        long sampleCount,
        long errorCount,
        float errorPct,
        double meanResTime,
        double medianResTime,
        double minResTime,
        double maxResTime,
        double pct1ResTime,
        double pct2ResTime,
        double pct3ResTime,
        double throughput,
        double receivedKBytesPerSec,
        double sentKBytesPerSec) {

    public double errorRate() {
        return sampleCount == 0 ? 0 : (double) errorCount / sampleCount;
    }

    /** The percentile the goal syntax names: 50, 90, 95, 99 are available. */
    public double percentile(double p) {
        if (p == 50) {
            return medianResTime;
        }
        if (p == 90) {
            return pct1ResTime;
        }
        if (p == 95) {
            return pct2ResTime;
        }
        if (p == 99) {
            return pct3ResTime;
        }
        throw new IllegalArgumentException("p(" + p + ") is not reported by analyze; use p(50), p(90), p(95) or p(99)");
    }
}
