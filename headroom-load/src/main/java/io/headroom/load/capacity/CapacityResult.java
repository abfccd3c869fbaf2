package io.headroom.load.capacity;

import java.util.List;

/**
 * The outcome of a capacity search.
 *
 * @param steps every rate tried, in order
 * @param knee the highest rate that met every goal, or null when even the first did not
 * @param limit the step just above the knee (the first rate that failed), or null when none failed
 * @param limitingResource the diagnosis's first finding at {@code limit}, or why there is none
 * @param instancesNeeded for {@code targetRate}: ceil(target / knee), assuming instances scale linearly and share
 *                        nothing that saturates (the database, for one); 0 without a target or a knee
 * @param stoppedBy why the search ended
 */
public record CapacityResult(
        CapacitySettings settings,
        List<Step> steps,
        Step knee,
        Step limit,
        String limitingResource,
        String limitingCategory,
        int instancesNeeded,
        String stoppedBy,
        double elapsedSeconds) {

    /**
     * One rate held for a step.
     *
     * @param offered the arrival rate asked for, per second; {@code achieved} the responses per second that came back
     * @param failedGoals the goals it missed, as text ("p(99)<100: 143.2")
     * @param behindSeconds seconds the generator fell behind its schedule (its own limit, not the target's)
     */
    public record Step(
            int offered,
            double achieved,
            double p50,
            double p99,
            double errorRate,
            boolean passed,
            List<String> failedGoals,
            int behindSeconds,
            String firstFinding) {}
}
