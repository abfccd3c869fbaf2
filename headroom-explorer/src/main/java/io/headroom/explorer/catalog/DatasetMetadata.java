package io.headroom.explorer.catalog;

import java.time.Instant;
import java.util.List;

/**
 * What discovery and analysis learn about one dataset in the lake: the input of a catalog upsert.
 *
 * @param path the store key of the dataset's primary file, unique in the catalog
 * @param recordCount null when the format is not tabular or could not be read
 * @param recordCountExact false when the count was estimated from a prefix of a large file
 * @param completeness share of non-empty cells in the first 1,000 rows, 0..100; null when unknown
 */
public record DatasetMetadata(
        String path,
        String name,
        String folder,
        DatasetFormat format,
        long sizeBytes,
        Instant lastModified,
        Long recordCount,
        boolean recordCountExact,
        Integer columnCount,
        Double completeness,
        List<Column> columns,
        List<String> tags,
        String description,
        String license) {

    public DatasetMetadata {
        columns = columns == null ? List.of() : List.copyOf(columns);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** SVC-6: records × columns × completeness / 100, rounded down; 0 when any part is unknown. */
    public long communityDataPoints() {
        return CommunityDataPoints.of(recordCount, columnCount, completeness);
    }
}
