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

    ConstantArrivalRateExecutor(ExecutorSpec.ConstantArrivalRate spec) {
        this.spec = spec;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ArrivalSchedule schedule = new ArrivalSchedule(spec.rate(), spec.timeUnit(),
                List.of(new ExecutorSpec.Stage(spec.duration(), spec.rate())));
        new ArrivalRateLoop(runner, phases, vus, control, spec.preAllocatedVus(), spec.maxVus()).run(schedule);
    }
}
