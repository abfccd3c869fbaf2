package io.headroom.load;

import java.nio.file.Path;

/**
 * Options of {@code headroom load} beyond the scenario itself.
 *
 * @param outDir where JTL, JSON and HTML go (null: terminal only)
 * @param baseline a previous summary.json to compare with (null: no regression check)
 * @param maxRegression allowed relative increase of p95 and error rate, e.g. 0.10
 * @param terminal whether the progress line may rewrite itself
 */
public record RunOptions(Path outDir, Path baseline, double maxRegression, boolean terminal) {

    public static RunOptions defaults() {
        return new RunOptions(null, null, 0.10, false);
    }
}
