package io.headroom.explorer.catalog;

import java.util.List;

/**
 * One page of {@code GET /api/v1/datasets}.
 *
 * @param offset the offset asked for; null when the page was reached through a cursor
 * @param nextCursor where the next page starts; null on the last page
 */
public record DatasetPage(
        List<Dataset> items,
        long total,
        int limit,
        Long offset,
        String nextCursor,
        boolean hasNext,
        boolean hasPrevious) {}
