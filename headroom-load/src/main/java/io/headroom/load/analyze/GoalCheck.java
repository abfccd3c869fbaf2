package io.headroom.load.analyze;

import io.headroom.load.scenario.Threshold;
import java.util.List;

/**
 * One goal checked against the Total and against every label.
 *
 * @param actual the Total's value in the goal's unit (ms, fraction or req/s)
 * @param failingLabels labels that miss the goal on their own, worst first
 */
public record GoalCheck(Threshold goal, double actual, boolean passed, List<LabelMiss> failingLabels) {

    /** A label that misses a goal, with its value. */
    public record LabelMiss(String label, double actual) {}
}
