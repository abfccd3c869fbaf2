package io.headroom.explorer.lake.sample;

import io.headroom.explorer.catalog.Column;
import java.util.List;

/**
 * The first rows of a dataset (SVC-7), the body of {@code GET /api/v1/datasets/{id}/sample}.
 *
 * @param rows whole rows, one value per column (null for an empty cell)
 * @param truncated true when the dataset has more rows than were returned
 */
public record Sample(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    public Sample {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
