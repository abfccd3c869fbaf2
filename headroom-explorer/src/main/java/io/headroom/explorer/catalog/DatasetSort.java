package io.headroom.explorer.catalog;

import java.util.Optional;

/**
 * A list order: one sortable field, ascending or descending, always tie-broken on id in the same
 * direction so equal values still have one total order (what keyset pagination needs).
 */
public record DatasetSort(Field field, boolean descending) {

    public static final DatasetSort DEFAULT = new DatasetSort(Field.NAME, false);

    public enum Field {
        NAME("name", "name"),
        SIZE("size", "size_bytes"),
        LAST_MODIFIED("lastModified", "last_modified");

        private final String apiName;
        private final String column;

        Field(String apiName, String column) {
            this.apiName = apiName;
            this.column = column;
        }

        public String apiName() {
            return apiName;
        }

        /** A fixed column name, never user text: safe to place in SQL. */
        public String column() {
            return column;
        }
    }

    /** Parses the API form: {@code name}, {@code -size}, {@code lastModified}, ... */
    public static Optional<DatasetSort> parse(String value) {
        boolean descending = value.startsWith("-");
        String name = descending ? value.substring(1) : value;
        for (Field field : Field.values()) {
            if (field.apiName.equals(name)) {
                return Optional.of(new DatasetSort(field, descending));
            }
        }
        return Optional.empty();
    }

    public String apiName() {
        return (descending ? "-" : "") + field.apiName;
    }
}
