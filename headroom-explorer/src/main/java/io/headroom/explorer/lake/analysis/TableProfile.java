package io.headroom.explorer.lake.analysis;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import java.util.List;

/**
 * What reading a file's content taught us (SVC-3).
 *
 * @param format the format the content showed (a {@code .json} file may turn out JSON Lines)
 * @param recordCount null when unknown (not tabular, unreadable)
 * @param completeness 0..100 over the first rows; null when unknown
 */
public record TableProfile(
        DatasetFormat format, List<Column> columns, Long recordCount, boolean recordCountExact, Double completeness) {

    public TableProfile {
        columns = List.copyOf(columns);
    }

    /** Nothing known beyond the format: non-tabular, or unreadable. */
    public static TableProfile unknown(DatasetFormat format) {
        return new TableProfile(format, List.of(), null, false, null);
    }

    public Integer columnCount() {
        return recordCount == null && columns.isEmpty() ? null : columns.size();
    }
}
