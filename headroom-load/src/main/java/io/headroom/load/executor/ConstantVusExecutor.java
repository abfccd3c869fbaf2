package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;

/** {@code constant-vus}: a fixed number of VUs loop for the duration (closed model). */
final class ConstantVusExecutor implements LoadExecutor {

    private final ExecutorSpec.ConstantVus spec;
    private final Segment segment;

    ConstantVusExecutor(ExecutorSpec.ConstantVus spec, Segment segment) {
        this.spec = spec;
        this.segment = segment;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ClosedModelLoop loop = new ClosedModelLoop(runner, phases, vus, control);
        loop.setTarget(segment.share(spec.vus()));
        Clock.parkUntil(phases.originNanos() + spec.duration().toNanos(), control);
        loop.finish();
    }
}
