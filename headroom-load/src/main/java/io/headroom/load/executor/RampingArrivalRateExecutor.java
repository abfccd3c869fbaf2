package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;

/** {@code ramping-arrival-rate}: the rate moves linearly from stage to stage (open model). */
final class RampingArrivalRateExecutor implements LoadExecutor {

    private final ExecutorSpec.RampingArrivalRate spec;
    private final Segment segment;

    RampingArrivalRateExecutor(ExecutorSpec.RampingArrivalRate spec, Segment segment) {
        this.spec = spec;
        this.segment = segment;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ArrivalSchedule schedule = new ArrivalSchedule(spec.startRate(), spec.timeUnit(), spec.stages());
        new ArrivalRateLoop(
                        runner,
                        phases,
                        vus,
                        control,
                        segment.budget(spec.preAllocatedVus()),
                        segment.budget(spec.maxVus()))
                .run(schedule, segment);
    }
}
