package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;
import java.time.Duration;

/**
 * Applies load for the planned duration from the schedule's origin ({@link Phases#originNanos}), taking
 * its VUs from {@link VirtualUsers}, then waits (up to the graceful stop) for iterations in flight.
 */
public interface LoadExecutor {

    Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control) throws InterruptedException;

    static LoadExecutor of(ExecutorSpec spec) {
        return of(spec, Segment.WHOLE);
    }

    /** The executor that runs {@code segment}'s share of {@code spec} (see {@link Segment}). */
    static LoadExecutor of(ExecutorSpec spec, Segment segment) {
        return switch (spec) {
            case ExecutorSpec.ConstantVus s -> new ConstantVusExecutor(s, segment);
            case ExecutorSpec.RampingVus s -> new RampingVusExecutor(s, segment);
            case ExecutorSpec.ConstantArrivalRate s -> new ConstantArrivalRateExecutor(s, segment);
            case ExecutorSpec.RampingArrivalRate s -> new RampingArrivalRateExecutor(s, segment);
        };
    }

    /** The VUs {@code segment}'s share of {@code spec} starts with (opened before time zero). */
    static int startingVus(ExecutorSpec spec, Segment segment) {
        return switch (spec) {
            case ExecutorSpec.ConstantArrivalRate e -> segment.budget(e.preAllocatedVus());
            case ExecutorSpec.RampingArrivalRate e -> segment.budget(e.preAllocatedVus());
            case ExecutorSpec.ConstantVus e -> segment.share(e.vus());
            case ExecutorSpec.RampingVus e -> segment.share(e.startVus());
        };
    }
}
