package io.headroom.explorer.generate;

import io.headroom.explorer.catalog.DatasetFormat;
import java.time.Instant;
import java.util.List;

/**
 * Everything the generator decided about one dataset before writing a byte: a function of
 * (seed, index) only, so plans can also feed a metadata-only catalog without writing files.
 *
 * @param files the files written for this dataset, primary first
 * @param sidecar whether a {@code baseName.yaml} sidecar is written
 */
public record DatasetPlan(
        int index,
        String folder,
        String baseName,
        DatasetFormat format,
        char delimiter,
        List<ColumnSpec> columns,
        List<PlannedFile> files,
        boolean sidecar,
        List<String> tags,
        String description,
        String license,
        boolean sidecarRowCount,
        long seed) {

    /** One file of the dataset: its name in the folder, its row count and modification time. */
    public record PlannedFile(String fileName, int rows, Instant lastModified) {}

    public String key(PlannedFile file) {
        return folder.isEmpty() ? file.fileName() : folder + "/" + file.fileName();
    }

    public PlannedFile primary() {
        return files.getFirst();
    }
}
