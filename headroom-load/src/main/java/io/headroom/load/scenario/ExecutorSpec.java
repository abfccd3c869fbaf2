package io.headroom.load.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How load is applied (k6's executors). Closed model: VUs loop. Open model: iterations start on a schedule. */
public sealed interface ExecutorSpec {

    /** Total planned duration (without the graceful stop). */
    Duration duration();

    /** The most VUs the executor may run at once. */
    int maxVus();

    /**
     * Latency the default pre-allocation plans for: with Little's law, a rate of r per second keeps about
     * r × 100 ms requests in flight, so that many connections are opened before the schedule starts. A
     * service slower than that makes the loop open more on demand (up to maxVUs), each new one counted in
     * the send lag of its first request.
     */
    Duration EXPECTED_LATENCY = Duration.ofMillis(100);

    /** Connections to open in advance for {@code rate} iterations per {@code timeUnit}: rate × expected latency, at least 1. */
    static int expectedInFlight(int rate, Duration timeUnit) {
        double perSecond = rate * 1e9 / timeUnit.toNanos();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond * EXPECTED_LATENCY.toNanos() / 1e9)));
    }

    /** The level a ramping executor runs at first: its start, or its first stage's target when it starts at 0. */
    static int openingLevel(int start, List<Stage> stages) {
        return start > 0 || stages.isEmpty() ? start : stages.get(0).target();
    }

    /**
     * This executor preceded by {@code warmup} of load at the level it opens with, as one continuous
     * schedule (the VUs and connections of the warm-up carry on into the measured run). A ramping executor
     * that starts at 0 warms up at its first stage's target, and that stage then holds the level.
     */
    default ExecutorSpec withWarmup(Duration warmup) {
        if (warmup.isZero()) {
            return this;
        }
        return switch (this) {
            case ConstantVus c -> new ConstantVus(c.vus(), c.duration().plus(warmup));
            case ConstantArrivalRate c ->
                new ConstantArrivalRate(
                        c.rate(), c.timeUnit(), c.duration().plus(warmup), c.preAllocatedVus(), c.maxVus());
            case RampingVus r -> {
                int level = openingLevel(r.startVus(), r.stages());
                yield new RampingVus(level, prepend(new Stage(warmup, level), r.stages()));
            }
            case RampingArrivalRate r -> {
                int level = openingLevel(r.startRate(), r.stages());
                yield new RampingArrivalRate(
                        level,
                        r.timeUnit(),
                        prepend(new Stage(warmup, level), r.stages()),
                        r.preAllocatedVus(),
                        r.maxVus());
            }
        };
    }

    private static List<Stage> prepend(Stage first, List<Stage> rest) {
        List<Stage> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    /** A ramp step: move linearly to {@code target} (VUs or iterations per time unit) over {@code duration}. */
    record Stage(Duration duration, int target) {}

    record ConstantVus(int vus, Duration duration) implements ExecutorSpec {
        @Override
        public int maxVus() {
            return vus;
        }
    }

    record RampingVus(int startVus, List<Stage> stages) implements ExecutorSpec {
        @Override
        public Duration duration() {
            return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
        }

        @Override
        public int maxVus() {
            return Math.max(
                    startVus, stages.stream().mapToInt(Stage::target).max().orElse(0));
        }
    }

    /** {@code rate} iterations per {@code timeUnit}; iterations due when all {@code maxVus} are busy wait (see docs). */
    record ConstantArrivalRate(int rate, Duration timeUnit, Duration duration, int preAllocatedVus, int maxVus)
            implements ExecutorSpec {}

    record RampingArrivalRate(int startRate, Duration timeUnit, List<Stage> stages, int preAllocatedVus, int maxVus)
            implements ExecutorSpec {
        @Override
        public Duration duration() {
            return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
        }
    }
}
