package io.headroom.explorer.catalog;

import java.util.Locale;
import java.util.Optional;

/** The file formats the catalog knows; the lower-case name is the API and database value. */
public enum DatasetFormat {
    CSV,
    TSV,
    JSON,
    JSONL,
    PARQUET,
    AVRO,
    ORC,
    EXCEL,
    OTHER;

    private final String apiName = name().toLowerCase(Locale.ROOT); // once: it is written for every catalog row

    public String apiName() {
        return apiName;
    }

    public static Optional<DatasetFormat> fromApiName(String value) {
        for (DatasetFormat format : values()) {
            if (format.apiName().equals(value)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
