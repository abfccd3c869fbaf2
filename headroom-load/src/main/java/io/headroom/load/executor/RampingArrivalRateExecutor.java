package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;

/** {@code ramping-arrival-rate}: the rate moves linearly from stage to stage (open model). */
final class RampingArrivalRateExecutor implements LoadExecutor {

    private final ExecutorSpec.RampingArrivalRate spec;

    RampingArrivalRateExecutor(ExecutorSpec.RampingArrivalRate spec) {
        this.spec = spec;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ArrivalSchedule schedule = new ArrivalSchedule(spec.startRate(), spec.timeUnit(), spec.stages());
        new ArrivalRateLoop(runner, phases, vus, control, spec.preAllocatedVus(), spec.maxVus()).run(schedule);
    }
}
