package io.headroom.cli;

import io.headroom.explorer.generate.LakeGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code headroom generate --datasets N --out DIR [--seed S]}: writes a deterministic synthetic lake
 * (SVC-10). Bad arguments are a one-line message and exit 2.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a deterministic synthetic data lake (CSV, TSV, JSON, JSON Lines, Parquet, sidecars).")
final class GenerateCommand implements Callable<Integer> {
    static final int MAX_DATASETS = 1_000_000;

    @Option(names = "--datasets", required = true, paramLabel = "N",
            description = "How many datasets to generate, 1..1000000.")
    int datasets;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the lake into (created if missing; same-named files are overwritten).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Random seed: the same seed and N give the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (datasets < 1 || datasets > MAX_DATASETS) {
            return usageError("--datasets must be between 1 and " + MAX_DATASETS + ", got " + datasets);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return usageError("--out " + out + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            return usageError("--out " + out + " is not a writable directory");
        }
        long started = System.nanoTime();
        try {
            LakeGenerator.Summary summary = LakeGenerator.generate(out, datasets, seed);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("Generated %d datasets (%d files, %d bytes) in %s in %d ms%n",
                    summary.datasets(), summary.files(), summary.bytes(), out, millis);
            return 0;
        } catch (IOException e) {
            System.err.println("headroom generate: cannot write the lake: " + e.getMessage());
            return 1;
        }
    }

    private static int usageError(String message) {
        System.err.println("headroom generate: " + message);
        return 2;
    }
}
