package io.headroom.explorer.generate;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SVC-9's "generated sample lake": when the configured lake directory does not exist, generate one
 * (HEADROOM_SAMPLE_DATASETS datasets, fixed seed) so {@code headroom serve} with no configuration
 * has something to show. Written beside the target and moved into place, so a crash half-way never
 * leaves a partial lake that later starts would take for a real one.
 */
public final class SampleLake {
    private static final Logger LOG = LoggerFactory.getLogger(SampleLake.class);
    /** Fixed, so every fresh start shows the same sample lake. */
    public static final long SEED = 42;

    private SampleLake() {}

    /** Returns true when a lake was generated; false when the directory exists or {@code datasets} is 0. */
    public static boolean ensure(Path lakeDirectory, int datasets) throws IOException {
        if (Files.exists(lakeDirectory) || datasets <= 0) {
            return false;
        }
        Path target = lakeDirectory.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-generating-");
        try {
            long started = System.nanoTime();
            LakeGenerator.Summary summary = LakeGenerator.generate(staging, datasets, SEED);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            LOG.info(
                    "Generated a sample lake of {} datasets ({} files, {} bytes) in {} in {} ms",
                    summary.datasets(),
                    summary.files(),
                    summary.bytes(),
                    target,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
