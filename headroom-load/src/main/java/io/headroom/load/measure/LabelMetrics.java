package io.headroom.load.measure;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Live measurements of one label (or of all requests): HdrHistogram {@link Recorder}s, which writers
 * record into without locks while the reporter swaps out interval histograms once a second, and
 * the cumulative histograms built from those intervals. Values are microseconds.
 *
 * <p>A request is recorded only under its label; the Total is built off the hot path, once a second,
 * by {@link #absorb absorbing} every label's interval (adding histograms is exact: same ranges and
 * precision), which halves the recording work per request.
 */
public final class LabelMetrics {

    private static final int SIGNIFICANT_DIGITS = 3;
    /** One hour in microseconds: a fixed range means the recording path never resizes (no copy under load). */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final String label;
    private final Recorder responseTime = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Recorder serviceTime = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    /** Response times of failed requests only: the interval log's per-label error count (off the success path). */
    private final Recorder failedResponseTime = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);

    private final LongAdder errors = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    // Only the reporter thread touches the fields below.
    private final Histogram totalResponseTime = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram totalServiceTime = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private Histogram intervalResponse;
    private Histogram intervalService;
    private Histogram intervalFailed;
    private long errorsSeen;
    private long lastIntervalErrors;
    // The Total's own counters: what it absorbed from the labels (reporter thread only).
    private long absorbedBytesReceived;
    private long absorbedBytesSent;
    private long absorbedErrors;
    private long absorbedCacheHits;
    private long absorbedCacheMisses;

    LabelMetrics(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    void record(Sample s) {
        responseTime.recordValue(micros(s.responseTimeNanos()));
        serviceTime.recordValue(micros(s.serviceTimeNanos()));
        if (!s.success()) {
            errors.increment();
            failedResponseTime.recordValue(micros(s.responseTimeNanos()));
        }
        bytesReceived.add(s.bytesReceived());
        bytesSent.add(s.bytesSent());
        if (s.cacheStatus() == 1) {
            cacheHits.increment();
        } else if (s.cacheStatus() == 2) {
            cacheMisses.increment();
        }
    }

    /** Nanoseconds to microseconds, clamped to the histogram's range (a request beyond an hour counts as an hour). */
    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }

    /** Moves what was recorded since the last call into the totals; returns the interval's counts. */
    synchronized Interval roll() {
        intervalResponse = responseTime.getIntervalHistogram(intervalResponse);
        intervalService = serviceTime.getIntervalHistogram(intervalService);
        intervalFailed = failedResponseTime.getIntervalHistogram(intervalFailed);
        totalResponseTime.add(intervalResponse);
        totalServiceTime.add(intervalService);
        long errorTotal = errors.sum();
        lastIntervalErrors = errorTotal - errorsSeen;
        errorsSeen = errorTotal;
        return interval(lastIntervalErrors);
    }

    private Interval interval(long newErrors) {
        return new Interval(
                intervalResponse.getTotalCount(),
                newErrors,
                intervalResponse.getTotalCount() == 0 ? 0 : intervalResponse.getValueAtPercentile(50) / 1000.0,
                intervalResponse.getTotalCount() == 0 ? 0 : intervalResponse.getValueAtPercentile(95) / 1000.0,
                intervalResponse.getTotalCount() == 0 ? 0 : intervalResponse.getValueAtPercentile(99) / 1000.0);
    }

    /**
     * Total only: adds the last interval of every label (just {@link #roll rolled}) into this one's
     * interval and cumulative histograms and counters, and returns the combined interval.
     */
    synchronized Interval absorb(Iterable<LabelMetrics> labels) {
        if (intervalResponse == null) {
            intervalResponse = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
            intervalService = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        }
        intervalResponse.reset();
        intervalService.reset();
        long newErrors = 0;
        long received = 0;
        long sent = 0;
        long hits = 0;
        long misses = 0;
        for (LabelMetrics label : labels) {
            synchronized (label) {
                if (label.intervalResponse != null) {
                    intervalResponse.add(label.intervalResponse);
                    intervalService.add(label.intervalService);
                }
                newErrors += label.lastIntervalErrors;
                received += label.bytesReceived.sum();
                sent += label.bytesSent.sum();
                hits += label.cacheHits.sum();
                misses += label.cacheMisses.sum();
            }
        }
        totalResponseTime.add(intervalResponse);
        totalServiceTime.add(intervalService);
        absorbedErrors += newErrors;
        errorsSeen = absorbedErrors;
        absorbedBytesReceived = received;
        absorbedBytesSent = sent;
        absorbedCacheHits = hits;
        absorbedCacheMisses = misses;
        return interval(newErrors);
    }

    // The last rolled interval's histograms, for the interval log (read under this object's lock).
    Histogram intervalResponse() {
        return intervalResponse;
    }

    Histogram intervalService() {
        return intervalService;
    }

    Histogram intervalFailed() {
        return intervalFailed;
    }

    /** Counts and latencies of one reporting interval (milliseconds). */
    record Interval(long count, long errors, double p50, double p95, double p99) {}

    synchronized LabelSummary summary(double seconds) {
        long received = absorbedBytesReceived + bytesReceived.sum(); // one of the two is zero
        long sent = absorbedBytesSent + bytesSent.sum();
        return LabelSummary.of(label, totalResponseTime, totalServiceTime, errorsSeen, received, sent, seconds)
                .withCache(absorbedCacheHits + cacheHits.sum(), absorbedCacheMisses + cacheMisses.sum());
    }

    synchronized double currentPercentile(double p) {
        return totalResponseTime.getTotalCount() == 0 ? 0 : totalResponseTime.getValueAtPercentile(p) / 1000.0;
    }
}
