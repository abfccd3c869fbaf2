package io.headroom.explorer.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A catalogued dataset as the API shows it.
 *
 * @param downloadCount how many times it was downloaded (any type), as the download log last flushed
 * @param columns only filled for the single-dataset response; null (and left out of the JSON) in lists
 */
public record Dataset(
        long id,
        String name,
        String folder,
        String path,
        String format,
        long sizeBytes,
        Instant lastModified,
        Long recordCount,
        boolean recordCountExact,
        Integer columnCount,
        Double completeness,
        long communityDataPoints,
        long downloadCount,
        List<String> tags,
        String description,
        String license,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Column> columns) {}
