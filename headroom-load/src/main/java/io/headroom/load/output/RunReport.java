package io.headroom.load.output;

import io.headroom.load.measure.Regression;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.measure.TimeSeriesPoint;
import java.util.List;

/**
 * Everything the outputs write about a finished run.
 *
 * @param stopReason why the run ended early (abort-on-fail, exhausted feeder), or null
 */
public record RunReport(String scenario, String target, String executor, long startEpochMillis,
                        RunSummary summary, List<ThresholdResult> thresholds, List<Regression> regressions,
                        List<TimeSeriesPoint> series, String stopReason) {

    public boolean passed() {
        return thresholds.stream().allMatch(ThresholdResult::passed)
                && regressions.stream().allMatch(Regression::passed);
    }
}
