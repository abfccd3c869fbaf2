package io.headroom.load;

import io.headroom.load.engine.RunControl;
import io.headroom.load.measure.Phases;
import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.ThresholdEvaluator;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.output.ProgressLine;
import io.headroom.load.scenario.ThresholdSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The run's reporter thread: on every whole second of the warm-up, then of the measured run, rolls that
 * phase's metrics into a time-series point, shows it on the progress line and, in the measured run,
 * checks the abort-on-fail thresholds. Ends when interrupted (the executor is done).
 */
final class SecondReporter {

    private static final long REPORT_NANOS = 1_000_000_000L;

    private SecondReporter() {}

    static void run(Phases phases, RunControl control, List<ThresholdSpec> thresholds, ProgressLine progress) {
        RunMetrics metrics = phases.measured();
        RunMetrics warmup = phases.warmup();
        if (warmup != null && !rollEverySecond(warmup, metrics.startNanos(), point -> progress.warmup(point))) {
            return;
        }
        if (warmup != null) {
            warmup.roll(metrics.startNanos());
        }
        List<ThresholdSpec> aborting =
                thresholds.stream().filter(ThresholdSpec::abortOnFail).toList();
        rollEverySecond(metrics, Long.MAX_VALUE, point -> {
            progress.update(point);
            if (!aborting.isEmpty()) {
                RunSummary summary = metrics.summary((System.nanoTime() - metrics.startNanos()) / 1e9);
                for (ThresholdResult r : ThresholdEvaluator.evaluate(aborting, metrics, summary)) {
                    if (!r.passed()) {
                        control.stop("threshold " + r.spec().threshold().expression() + " on "
                                + r.spec().scope() + " failed (abort-on-fail)");
                    }
                }
            }
        });
    }

    /** Rolls {@code metrics} on each whole second after its start, before {@code until}; false when interrupted. */
    private static boolean rollEverySecond(RunMetrics metrics, long until, Consumer<TimeSeriesPoint> onPoint) {
        for (long next = metrics.startNanos() + REPORT_NANOS; next < until; next += REPORT_NANOS) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            onPoint.accept(metrics.roll(System.nanoTime()));
        }
        long wait = until - System.nanoTime();
        if (until != Long.MAX_VALUE && wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
