package io.headroom.explorer.generate;

import io.headroom.explorer.generate.DatasetPlan.PlannedFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * SVC-10: writes a synthetic data lake — real CSV (four delimiters), TSV, JSON Lines, JSON and
 * Parquet files plus YAML sidecars — in a skewed, partly nested folder tree. Deterministic: the same
 * (datasets, seed) gives the same bytes and the same file modification times, on any machine.
 * See docs/lake.md, "Generator".
 */
public final class LakeGenerator {

    /** What was written. */
    public record Summary(int datasets, long files, long bytes) {}

    private LakeGenerator() {}

    public static Summary generate(Path out, int datasets, long seed) throws IOException {
        if (datasets < 0) {
            throw new IllegalArgumentException("datasets must be >= 0, got " + datasets);
        }
        Files.createDirectories(out);
        long files = 0;
        long bytes = 0;
        for (int index = 0; index < datasets; index++) {
            DatasetPlan plan = DatasetPlanner.plan(seed, index);
            Path folder = plan.folder().isEmpty() ? out : out.resolve(plan.folder());
            Files.createDirectories(folder);
            long contentSeed = plan.seed();
            for (PlannedFile file : plan.files()) {
                Path path = folder.resolve(file.fileName());
                TableData table = TableData.generate(plan.columns(), file.rows(), contentSeed++);
                TableFiles.write(path, plan.format(), plan.delimiter(), table);
                Files.setLastModifiedTime(path, FileTime.from(file.lastModified()));
                files++;
                bytes += Files.size(path);
            }
            if (plan.sidecar()) {
                Path sidecar = folder.resolve(plan.baseName() + ".yaml");
                writeSidecar(sidecar, plan);
                Files.setLastModifiedTime(sidecar, FileTime.from(plan.primary().lastModified()));
                files++;
                bytes += Files.size(sidecar);
            }
        }
        return new Summary(datasets, files, bytes);
    }

    /** The plans of a lake, without writing anything (for a metadata-only catalog, or tests). */
    public static Stream<DatasetPlan> plans(int datasets, long seed) {
        return IntStream.range(0, datasets).mapToObj(index -> DatasetPlanner.plan(seed, index));
    }

    private static void writeSidecar(Path path, DatasetPlan plan) throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write("# Metadata sidecar of " + plan.baseName() + "\n");
            out.write("description: ");
            TableFiles.writeJsonString(out, plan.description()); // a JSON string is a valid YAML scalar
            out.write("\ntags: [");
            for (int i = 0; i < plan.tags().size(); i++) {
                if (i > 0) {
                    out.write(", ");
                }
                TableFiles.writeJsonString(out, plan.tags().get(i));
            }
            out.write("]\nlicense: " + plan.license() + "\n");
            if (plan.sidecarRowCount()) {
                out.write("row_count: " + plan.primary().rows() + "\n");
            }
        }
    }
}
