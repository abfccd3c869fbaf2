package io.headroom.explorer.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/stats} (whole catalog) and {@code GET /api/v1/folders/{folder}/stats} (one folder).
 *
 * @param lastUpdated the newest last-modified time of a dataset; null when there is none
 * @param lastRefresh when the last successful refresh finished; null when none has
 */
public record CatalogStats(
        long totalDatasets,
        long totalBytes,
        long folders,
        Map<String, Long> formats,
        long totalCommunityDataPoints,
        Instant lastUpdated,
        Instant lastRefresh) {

    /** {@code GET /api/v1/stats/quick}: the cheap subset. */
    public record Quick(long totalCount, long folders, Instant lastUpdated) {}

    /** One entry of {@code GET /api/v1/folders}. */
    public record Folder(String name, long datasetCount, long totalBytes) {}

    /** One entry of {@code GET /api/v1/folders/community-data-points} (SVC-6). */
    public record FolderDataPoints(String folder, long communityDataPoints) {}
}
