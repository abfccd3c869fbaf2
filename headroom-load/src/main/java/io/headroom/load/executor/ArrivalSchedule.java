package io.headroom.load.executor;

import io.headroom.load.scenario.ExecutorSpec.Stage;
import java.time.Duration;
import java.util.List;

/**
 * The intended start times of an open-model run. The rate moves linearly within each stage, so the
 * number of iterations due by time t is the integral of the rate; iteration i is due when that integral
 * reaches i. Times come from this formula, not from when the previous iteration actually started, so a
 * late scheduler or a stalled server never shifts the schedule (the basis of measuring from intended time).
 */
final class ArrivalSchedule {

    private final List<Stage> stages;
    private final double perSecond; // multiply a stage target by this to get iterations per second
    private int stage;
    private double stageStartSeconds;
    private double countBeforeStage;
    private double stageFromRate;
    private long next;

    ArrivalSchedule(int startRate, Duration timeUnit, List<Stage> stages) {
        this.perSecond = 1e9 / timeUnit.toNanos();
        this.stages = stages;
        this.stageFromRate = startRate * perSecond; // iterations per second
    }

    /** Seconds after the start at which the next iteration is due, or -1 when the schedule is over. */
    double nextSeconds() {
        double k = next;
        while (stage < stages.size()) {
            Stage s = stages.get(stage);
            double length = s.duration().toNanos() / 1e9;
            double toRate = s.target() * perSecond;
            double inStage = (stageFromRate + toRate) / 2 * length;
            if (k < countBeforeStage + inStage) {
                double tau = solve(stageFromRate, toRate, length, k - countBeforeStage);
                if (tau < length) {
                    next++;
                    return stageStartSeconds + tau;
                }
            }
            countBeforeStage += inStage;
            stageStartSeconds += length;
            stageFromRate = toRate;
            stage++;
        }
        return -1;
    }

    /** Time within a stage at which {@code count} iterations are due: solves r0·τ + (r1−r0)·τ²/(2L) = count. */
    private static double solve(double r0, double r1, double length, double count) {
        double a = (r1 - r0) / (2 * length);
        if (Math.abs(a) < 1e-12) {
            return r0 == 0 ? Double.MAX_VALUE : count / r0;
        }
        double disc = r0 * r0 + 4 * a * count;
        if (disc < 0) {
            return Double.MAX_VALUE;
        }
        return (-r0 + Math.sqrt(disc)) / (2 * a);
    }
}
