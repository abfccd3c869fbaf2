package io.headroom.explorer.testing;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small catalog built to stress ordering: names, sizes and dates repeat across many datasets, so
 * pagination is only stable if ties are broken (on id).
 */
public final class CatalogFixture {
    public static final List<String> FOLDERS = List.of("environment", "environment/air", "health", "transport/roads");
    public static final List<Long> SIZES = List.of(1_000L, 5_000L, 5_000L, 250_000L);
    public static final List<Instant> DATES = List.of(
            Instant.parse("2024-01-15T08:00:00Z"),
            Instant.parse("2025-03-01T12:30:00Z"),
            Instant.parse("2025-09-15T10:00:00Z"));

    private CatalogFixture() {}

    public static List<DatasetMetadata> datasets(int count) {
        List<DatasetMetadata> result = new ArrayList<>();
        DatasetFormat[] formats = {
            DatasetFormat.CSV, DatasetFormat.PARQUET, DatasetFormat.JSON, DatasetFormat.CSV, DatasetFormat.TSV
        };
        for (int i = 0; i < count; i++) {
            String folder = FOLDERS.get(i % FOLDERS.size());
            DatasetFormat format = formats[i % formats.length];
            String name = (i % 3 == 0 ? "Air_Quality_" : "stats_") + (i % 7); // equal names in several folders
            List<String> tags = new ArrayList<>();
            if (i % 2 == 0) {
                tags.add("sensors");
            }
            if (folder.startsWith("environment")) {
                tags.add("air");
            }
            Long records = i % 11 == 0 ? null : 100L + i;
            DatasetMetadata metadata = new DatasetMetadata(
                    folder + "/" + name + "_" + i + "." + format.apiName(),
                    name,
                    folder,
                    format,
                    SIZES.get(i % SIZES.size()),
                    DATES.get(i % DATES.size()),
                    records,
                    i % 5 != 0,
                    records == null ? null : 3,
                    records == null ? null : 90.0 + (i % 10),
                    List.of(new Column("station", "string"), new Column("value", "float"), new Column("at", "date")),
                    tags,
                    "Dataset number " + i,
                    "CC-BY-4.0");
            result.add(metadata);
        }
        return result;
    }
}
