package io.headroom.load.capacity;

import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import java.time.Duration;
import java.util.List;

/**
 * How a capacity search runs (ANA-5).
 *
 * @param goals what a rate must meet, in the threshold syntax ({@code p(99)<100}, {@code errors<0.1%})
 * @param startRate the first step's arrival rate, per second; each passing step doubles it
 * @param maxRate the search never offers more than this
 * @param step how long each rate is held (its first second is left out of the goals: the step's own ramp)
 * @param timeLimit the search stops bisecting when another step would not fit
 * @param precision bisection stops when the bracket is narrower than this share of the lower rate
 * @param targetRate the rate to plan instances for (0: none)
 */
public record CapacitySettings(
        List<Threshold> goals,
        int startRate,
        int maxRate,
        Duration step,
        Duration timeLimit,
        double precision,
        double targetRate) {

    public CapacitySettings {
        if (goals.isEmpty()) {
            throw new ScenarioException("--find-capacity needs at least one --goal, e.g. --goal 'p(99)<100'");
        }
        if (startRate < 1 || maxRate < startRate) {
            throw new ScenarioException("--start-rate must be at least 1/s and at most --max-rate");
        }
        if (step.toMillis() < 2000) {
            throw new ScenarioException("--step must be at least 2s (a step's first second is not judged)");
        }
        if (timeLimit.compareTo(step.multipliedBy(2)) < 0) {
            throw new ScenarioException("--time-limit must hold at least two steps");
        }
    }
}
