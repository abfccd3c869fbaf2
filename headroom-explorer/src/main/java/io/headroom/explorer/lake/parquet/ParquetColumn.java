package io.headroom.explorer.lake.parquet;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One column to write: a name, a kind and its values (null for a missing value). Values by kind:
 * INT64 {@link Long}, DOUBLE {@link Double}, STRING {@link String}, BOOLEAN {@link Boolean},
 * DATE {@link java.time.LocalDate}.
 */
public record ParquetColumn(String name, Kind kind, List<Object> values) {
    public enum Kind {
        INT64,
        DOUBLE,
        STRING,
        BOOLEAN,
        DATE
    }

    public ParquetColumn {
        values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
    }
}
