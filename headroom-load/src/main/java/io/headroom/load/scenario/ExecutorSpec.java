package io.headroom.load.scenario;

import java.time.Duration;
import java.util.List;

/** How load is applied (k6's executors). Closed model: VUs loop. Open model: iterations start on a schedule. */
public sealed interface ExecutorSpec {

    /** Total planned duration (without the graceful stop). */
    Duration duration();

    /** The most VUs the executor may run at once. */
    int maxVus();

    /** A ramp step: move linearly to {@code target} (VUs or iterations per time unit) over {@code duration}. */
    record Stage(Duration duration, int target) {
    }

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
            return Math.max(startVus, stages.stream().mapToInt(Stage::target).max().orElse(0));
        }
    }

    /** {@code rate} iterations per {@code timeUnit}; iterations due when all {@code maxVus} are busy wait (see docs). */
    record ConstantArrivalRate(int rate, Duration timeUnit, Duration duration, int preAllocatedVus, int maxVus)
            implements ExecutorSpec {
    }

    record RampingArrivalRate(int startRate, Duration timeUnit, List<Stage> stages, int preAllocatedVus, int maxVus)
            implements ExecutorSpec {
        @Override
        public Duration duration() {
            return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
        }
    }
}
