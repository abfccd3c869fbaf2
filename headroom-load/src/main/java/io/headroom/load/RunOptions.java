package io.headroom.load;

import java.nio.file.Path;

/**
 * Options of {@code headroom load} beyond the scenario itself.
 *
 * @param outDir where JTL, JSON and HTML go (null: terminal only)
 * @param baseline a previous summary.json to compare with (null: no regression check)
 * @param maxRegression allowed relative increase of p95 and error rate, e.g. 0.10
 * @param terminal whether the progress line may rewrite itself
 * @param warmupBurst whether the unmeasured warm-up burst may run before time zero ({@code --no-warmup-burst}
 *                    turns it off: the target then sees exactly the run's requests)
 */
public record RunOptions(Path outDir, Path baseline, double maxRegression, boolean terminal, boolean warmupBurst) {

    /** With the warm-up burst on (where the scenario allows it). */
    public RunOptions(Path outDir, Path baseline, double maxRegression, boolean terminal) {
        this(outDir, baseline, maxRegression, terminal, true);
    }

    public static RunOptions defaults() {
        return new RunOptions(null, null, 0.10, false);
    }

    public RunOptions withoutWarmupBurst() {
        return new RunOptions(outDir, baseline, maxRegression, terminal, false);
    }
}
