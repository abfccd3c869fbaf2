package io.headroom.load.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * All measurements of a run: one {@link LabelMetrics} per label plus "Total", the active VU gauge, the
 * dropped-iteration counter and the per-interval time series. Recording is lock-free; {@link #roll}
 * is called by one reporter thread.
 */
public final class RunMetrics implements SampleListener {

    public static final String TOTAL = "Total";

    private final Map<String, LabelMetrics> byLabel = new ConcurrentHashMap<>();
    private final LabelMetrics total = new LabelMetrics(TOTAL);
    private final AtomicInteger activeVus;
    private final LongAdder dropped = new LongAdder();
    /** Largest send lag (actual send − intended start) of the requests finished in the current interval. */
    private final LongAccumulator maxSendLag = new LongAccumulator(Math::max, 0);

    private final List<TimeSeriesPoint> series = new ArrayList<>();
    private final long startNanos;
    private long lastRollNanos;
    private long lastCpuNanos = GeneratorCpu.processCpuNanos();
    private long requests;
    private long errors;
    private IntervalLog intervalLog;

    public RunMetrics(long startNanos) {
        this(startNanos, new AtomicInteger());
    }

    /** @param activeVus the busy-VU gauge, shared with the other phase of a run with a warm-up */
    public RunMetrics(long startNanos, AtomicInteger activeVus) {
        this.startNanos = startNanos;
        this.lastRollNanos = startNanos;
        this.activeVus = activeVus;
    }

    public long startNanos() {
        return startNanos;
    }

    @Override
    public void onSample(Sample s) {
        LabelMetrics m = byLabel.get(s.label()); // get first: computeIfAbsent may lock even when present
        if (m == null) {
            m = byLabel.computeIfAbsent(s.label(), LabelMetrics::new);
        }
        m.record(s); // the Total absorbs the labels' intervals in roll(), off the hot path
        maxSendLag.accumulate(s.sentNanos() - s.intendedStartNanos()); // a CAS only when the maximum grows
    }

    /** From now on, every {@link #roll} also writes the labels' interval histograms to {@code log}. */
    public synchronized void logIntervalsTo(IntervalLog log) {
        this.intervalLog = log;
    }

    public AtomicInteger activeVus() {
        return activeVus;
    }

    public void drop() {
        dropped.increment();
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Closes the current interval: folds it into the totals and appends a time-series point. */
    public synchronized TimeSeriesPoint roll(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - lastRollNanos) / 1e9);
        long lag = maxSendLag.getThenReset();
        lastRollNanos = nowNanos;
        long cpuNanos = GeneratorCpu.processCpuNanos();
        double cpu = GeneratorCpu.share(cpuNanos - lastCpuNanos, seconds, cpuNanos >= 0 && lastCpuNanos >= 0);
        lastCpuNanos = cpuNanos;
        byLabel.values().forEach(LabelMetrics::roll);
        LabelMetrics.Interval t = total.absorb(byLabel.values());
        if (intervalLog != null) {
            intervalLog.write(nowNanos, byLabel.values());
        }
        requests += t.count();
        errors += t.errors();
        TimeSeriesPoint point = new TimeSeriesPoint(
                (nowNanos - startNanos) / 1e9,
                seconds,
                activeVus.get(),
                t.count() / seconds,
                t.errors() / seconds,
                t.p50(),
                t.p95(),
                t.p99(),
                requests,
                errors,
                dropped.sum(),
                lag / 1e6,
                cpu);
        series.add(point);
        return point;
    }

    public synchronized List<TimeSeriesPoint> series() {
        return List.copyOf(series);
    }

    /** Response-time percentile (ms) of a label or of {@link #TOTAL}, over what has been rolled so far. */
    public double percentile(String label, double p) {
        LabelMetrics m = TOTAL.equals(label) ? total : byLabel.get(label);
        return m == null ? 0 : m.currentPercentile(p);
    }

    /** Final per-label summaries (sorted by label) and the Total, over {@code seconds} of run time. */
    public synchronized RunSummary summary(double seconds) {
        List<LabelSummary> labels = byLabel.values().stream()
                .map(m -> m.summary(seconds))
                .sorted(Comparator.comparing(LabelSummary::label))
                .toList();
        return new RunSummary(seconds, labels, total.summary(seconds), dropped.sum());
    }
}
