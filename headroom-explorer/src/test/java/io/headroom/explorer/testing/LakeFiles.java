package io.headroom.explorer.testing;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small real files behind a fixture's datasets, so samples and downloads read and decode them. */
public final class LakeFiles {
    private LakeFiles() {}

    /** Writes each dataset's file under {@code lake} (Parquet ones are not Parquet: their samples are 422s). */
    public static void write(Path lake, List<DatasetMetadata> datasets) throws IOException {
        for (DatasetMetadata dataset : datasets) {
            Path file = lake.resolve(dataset.path());
            Files.createDirectories(file.getParent());
            StringBuilder content = new StringBuilder();
            String separator = dataset.format() == DatasetFormat.TSV ? "\t" : ",";
            switch (dataset.format()) {
                case JSON -> {
                    content.append('[');
                    for (int i = 0; i < 30; i++) {
                        content.append(i == 0 ? "" : ",")
                                .append("{\"station\":\"S")
                                .append(i)
                                .append("\",\"value\":")
                                .append(i)
                                .append(".5,\"at\":\"2025-01-0")
                                .append(1 + i % 9)
                                .append("\"}");
                    }
                    content.append(']');
                }
                case PARQUET -> content.append("PAR1 this is not a parquet file PAR1");
                default -> {
                    content.append(String.join(separator, "station", "value", "at"))
                            .append('\n');
                    for (int i = 0; i < 30; i++) {
                        content.append(String.join(separator, "S" + i, i + ".5", "2025-01-0" + (1 + i % 9)))
                                .append('\n');
                    }
                }
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }
}
