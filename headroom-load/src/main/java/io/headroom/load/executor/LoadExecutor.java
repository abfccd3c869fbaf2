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
        return switch (spec) {
            case ExecutorSpec.ConstantVus s -> new ConstantVusExecutor(s);
            case ExecutorSpec.RampingVus s -> new RampingVusExecutor(s);
            case ExecutorSpec.ConstantArrivalRate s -> new ConstantArrivalRateExecutor(s);
            case ExecutorSpec.RampingArrivalRate s -> new RampingArrivalRateExecutor(s);
        };
    }
}
