package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;
import java.util.List;

/** {@code constant-arrival-rate}: {@code rate} iterations per time unit, whatever the server does (open model). */
final class ConstantArrivalRateExecutor implements LoadExecutor {

    private final ExecutorSpec.ConstantArrivalRate spec;
    private final Segment segment;

    ConstantArrivalRateExecutor(ExecutorSpec.ConstantArrivalRate spec, Segment segment) {
        this.spec = spec;
        this.segment = segment;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ArrivalSchedule schedule = new ArrivalSchedule(
                spec.rate(), spec.timeUnit(), List.of(new ExecutorSpec.Stage(spec.duration(), spec.rate())));
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
