package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;

/** {@code constant-vus}: a fixed number of VUs loop for the duration (closed model). */
final class ConstantVusExecutor implements LoadExecutor {

    private final ExecutorSpec.ConstantVus spec;

    ConstantVusExecutor(ExecutorSpec.ConstantVus spec) {
        this.spec = spec;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ClosedModelLoop loop = new ClosedModelLoop(runner, phases, vus, control);
        loop.setTarget(spec.vus());
        Clock.parkUntil(phases.originNanos() + spec.duration().toNanos(), control);
        loop.finish();
    }
}
