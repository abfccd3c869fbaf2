package io.headroom.toolkit.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution over sliding windows (last minute, last five minutes) and since start.
 *
 * <p>The hot path, {@link #recordNanos}, writes into an HdrHistogram {@link Recorder}: a
 * wait-free write into a preallocated array, no lock and no allocation. Readers harvest the
 * recorder's interval histogram under this object's lock. Time is cut into intervals
 * ({@code 60 s / intervalsPerMinute}); {@link #roll()} closes the current interval and is called
 * by the owner's scheduler, or directly by tests, so windows never depend on the wall clock here.
 *
 * <p>Precision is {@value #SIGNIFICANT_DIGITS} significant digits (≤ 1 % error) over 1 µs .. 1 h:
 * about 13 KB per interval histogram instead of 140 KB at three digits, which is what keeps five
 * minutes of intervals per route affordable. Empty intervals hold no histogram at all.
 */
public final class WindowedLatency {
    public static final int SIGNIFICANT_DIGITS = 2;
    static final long MAX_MICROS = 3_600_000_000L;

    private final int intervalsPerMinute;
    private final Recorder recorder = new Recorder(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    /** Completed intervals, newest at {@code newest}; null when an interval saw no request. */
    private final Histogram[] intervals;

    private final Histogram sinceStart = newHistogram();
    private Histogram current = newHistogram();
    private Histogram recycled;
    private int newest;

    public WindowedLatency(int intervalsPerMinute) {
        if (intervalsPerMinute < 1 || intervalsPerMinute > 60) {
            throw new IllegalArgumentException("intervalsPerMinute must be 1..60, was " + intervalsPerMinute);
        }
        this.intervalsPerMinute = intervalsPerMinute;
        this.intervals = new Histogram[5 * intervalsPerMinute];
    }

    /** Records one latency. Wait-free and allocation-free; values beyond one hour count as one hour. */
    public void recordNanos(long nanos) {
        long micros = nanos / 1000;
        recorder.recordValue(micros < 1 ? 1 : Math.min(micros, MAX_MICROS));
    }

    /** Closes the current interval: it becomes the newest of the window ring. */
    public synchronized void roll() {
        harvest();
        newest = (newest + 1) % intervals.length;
        Histogram leaving = intervals[newest];
        intervals[newest] = current.getTotalCount() == 0 ? null : current;
        if (leaving != null) {
            leaving.reset();
            current = leaving;
        } else if (intervals[newest] != null) {
            current = newHistogram();
        } // else: current was empty and is reused as is
    }

    public synchronized LatencySummary lastMinute() {
        return LatencySummary.ofMicros(window(intervalsPerMinute));
    }

    /** The minute before the last one: the baseline of the degradation detector. */
    public synchronized LatencySummary previousMinute() {
        return LatencySummary.ofMicros(windowOfCompleted(intervalsPerMinute - 1, intervalsPerMinute));
    }

    public synchronized LatencySummary lastFiveMinutes() {
        return LatencySummary.ofMicros(window(intervals.length));
    }

    public synchronized LatencySummary sinceStart() {
        harvest();
        return LatencySummary.ofMicros(sinceStart);
    }

    /**
     * Cumulative counts since start at or below each upper bound (microseconds), for a classic
     * Prometheus histogram; a value within HdrHistogram's 1 % of a bound may land on either side.
     */
    public synchronized long[] countsAtOrBelow(long[] upperBoundsMicros) {
        harvest();
        long[] out = new long[upperBoundsMicros.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sinceStart.getCountBetweenValues(0, upperBoundsMicros[i]);
        }
        return out;
    }

    public synchronized long totalCount() {
        harvest();
        return sinceStart.getTotalCount();
    }

    /** The open interval plus the {@code count - 1} newest completed ones. */
    private Histogram window(int count) {
        harvest();
        Histogram sum = windowOfCompleted(0, count - 1); // completed index 0 is the newest
        sum.add(current);
        return sum;
    }

    private Histogram windowOfCompleted(int skip, int count) {
        Histogram sum = newHistogram();
        for (int i = skip; i < skip + count && i < intervals.length; i++) {
            Histogram h = intervals[Math.floorMod(newest - i, intervals.length)];
            if (h != null) {
                sum.add(h);
            }
        }
        return sum;
    }

    /** Moves what writers recorded since the last harvest into the open interval. */
    private void harvest() {
        recycled = recorder.getIntervalHistogram(recycled);
        if (recycled.getTotalCount() > 0) {
            current.add(recycled);
            sinceStart.add(recycled);
        }
    }

    private static Histogram newHistogram() {
        return new Histogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    }
}
