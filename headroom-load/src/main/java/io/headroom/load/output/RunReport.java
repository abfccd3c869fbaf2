package io.headroom.load.output;

import io.headroom.load.diagnose.Diagnosis;
import io.headroom.load.engine.Preparation;
import io.headroom.load.measure.BehindSchedule;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.server.ServerReport;
import java.util.List;

/**
 * Everything the outputs write about a finished run.
 *
 * @param stopReason why the run ended early (abort-on-fail, exhausted feeder), or null
 * @param warmup the warm-up phase's figures (reported apart, never in thresholds), or null without one
 * @param behindSchedule seconds in which an open-model generator fell behind its schedule; null for the
 *                       closed model, which has no schedule
 * @param preparation what was done before the schedule started (connections opened, warm-up burst)
 * @param server the monitored instances' timeline and the server thresholds, or null without {@code --monitor}
 * @param diagnosis the findings of the run (ANA-2), or null before it was diagnosed
 */
public record RunReport(
        String scenario,
        String target,
        String executor,
        long startEpochMillis,
        RunSummary summary,
        List<ThresholdResult> thresholds,
        List<Regression> regressions,
        List<TimeSeriesPoint> series,
        String stopReason,
        RunSummary warmup,
        BehindSchedule behindSchedule,
        Preparation preparation,
        ServerReport server,
        Diagnosis diagnosis) {

    public RunReport withRegressions(List<Regression> r) {
        return copy(r, diagnosis);
    }

    public RunReport withDiagnosis(Diagnosis d) {
        return copy(regressions, d);
    }

    /** The one copy of every field; what the two withs replace are its parameters. */
    private RunReport copy(List<Regression> r, Diagnosis d) {
        return new RunReport(
                scenario,
                target,
                executor,
                startEpochMillis,
                summary,
                thresholds,
                r,
                series,
                stopReason,
                warmup,
                behindSchedule,
                preparation,
                server,
                d);
    }

    /** How {@code load} computes percentiles; {@code analyze} says how it does (JMeter's way), since they differ. */
    public static final String PERCENTILE_METHOD = "HdrHistogram over every sample of the run (3 significant "
            + "digits, microseconds); headroom analyze uses JMeter's method (commons-math LEGACY over each label's "
            + "last 20,000 samples), so its p99 of the same JTL can differ";

    /** Without thresholds a run still fails when nothing it sent succeeded (every request failed, or none finished). */
    public boolean anySucceeded() {
        return summary.total().count() > summary.total().errors();
    }

    public boolean passed() {
        return anySucceeded()
                && thresholds.stream().allMatch(ThresholdResult::passed)
                && regressions.stream().allMatch(Regression::passed)
                && (server == null || server.passed());
    }
}
