package io.headroom.load.measure;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run's time line and the phases its samples belong to. The schedule starts at {@link #originNanos};
 * with a warm-up, the measured run starts {@code warmup} later. Each sample goes to the phase of its
 * <em>intended</em> start, so a warm-up request that finishes after the boundary still counts as warm-up
 * and the measured percentiles and thresholds never see it (nor does the JTL).
 */
public final class Phases implements SampleListener {

    private final long originNanos;
    private final RunMetrics warmup;
    private final RunMetrics measured;
    private final SampleListener measuredListener;

    /**
     * @param warmup the warm-up's metrics (starting at the origin), or null for a run without one
     * @param measured the measured run's metrics; its start is the end of the warm-up
     * @param measuredListener where measured samples go: {@code measured} itself, or it and the JTL
     */
    public Phases(long originNanos, RunMetrics warmup, RunMetrics measured, SampleListener measuredListener) {
        this.originNanos = originNanos;
        this.warmup = warmup;
        this.measured = measured;
        this.measuredListener = measuredListener;
    }

    /** Time zero of the schedule ({@link System#nanoTime()} clock): the warm-up's start, or the run's. */
    public long originNanos() {
        return originNanos;
    }

    public RunMetrics warmup() {
        return warmup;
    }

    public RunMetrics measured() {
        return measured;
    }

    /** Busy VUs, one gauge for both phases. */
    public AtomicInteger activeVus() {
        return measured.activeVus();
    }

    private boolean inWarmup(long intendedNanos) {
        return warmup != null && intendedNanos < measured.startNanos();
    }

    @Override
    public void onSample(Sample s) {
        if (inWarmup(s.intendedStartNanos())) {
            warmup.onSample(s);
        } else {
            measuredListener.onSample(s);
        }
    }

    /** An iteration due at {@code intendedNanos} that never started. */
    public void drop(long intendedNanos) {
        (inWarmup(intendedNanos) ? warmup : measured).drop();
    }
}
