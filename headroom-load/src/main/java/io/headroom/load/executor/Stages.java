package io.headroom.load.executor;

import io.headroom.load.scenario.ExecutorSpec.Stage;
import java.util.List;

/** Linear interpolation through k6-style stages. */
final class Stages {

    private Stages() {}

    /** The (rounded) target {@code elapsedNanos} after the start, moving linearly within each stage. */
    static int valueAt(int start, List<Stage> stages, long elapsedNanos) {
        double from = start;
        long stageStart = 0;
        for (Stage s : stages) {
            long length = s.duration().toNanos();
            if (elapsedNanos < stageStart + length) {
                double f = length == 0 ? 1 : (elapsedNanos - stageStart) / (double) length;
                return (int) Math.round(from + (s.target() - from) * f);
            }
            stageStart += length;
            from = s.target();
        }
        return (int) Math.round(from);
    }
}
