package io.headroom.explorer.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * The list filters of {@code GET /api/v1/datasets}, all optional and combined with AND. A record so it
 * can key the cache of totals: two requests with equal filters share one count.
 *
 * @param nameContains case-insensitive substring of the name ({@code q})
 */
public record DatasetFilter(
        Optional<String> folder,
        Optional<DatasetFormat> format,
        Optional<String> tag,
        Optional<String> nameContains,
        Optional<Long> minSize,
        Optional<Long> maxSize,
        Optional<Instant> modifiedAfter,
        Optional<Instant> modifiedBefore) {

    public static final DatasetFilter NONE = new DatasetFilter(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
}
