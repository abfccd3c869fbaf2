package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import io.headroom.load.scenario.ExecutorSpec;

/** {@code ramping-vus}: the VU count moves linearly from stage to stage, adjusted every 100 ms. */
final class RampingVusExecutor implements LoadExecutor {

    private static final long STEP_NANOS = 100_000_000L;

    private final ExecutorSpec.RampingVus spec;
    private final Segment segment;

    RampingVusExecutor(ExecutorSpec.RampingVus spec, Segment segment) {
        this.spec = spec;
        this.segment = segment;
    }

    @Override
    public void run(IterationRunner runner, Phases phases, VirtualUsers vus, RunControl control)
            throws InterruptedException {
        ClosedModelLoop loop = new ClosedModelLoop(runner, phases, vus, control);
        long start = phases.originNanos();
        long end = start + spec.duration().toNanos();
        for (long t = start; t < end; t += STEP_NANOS) {
            if (!Clock.parkUntil(t, control)) {
                break;
            }
            // The whole run's level is split at every step, so the segments' VUs add up to it at every step.
            loop.setTarget(segment.share(Stages.valueAt(spec.startVus(), spec.stages(), t - start)));
        }
        Clock.parkUntil(end, control);
        loop.finish();
    }
}
