package io.headroom.explorer.lake.analysis;

import com.fasterxml.jackson.databind.JsonNode;

/** The cell type of a JSON value, shared by analysis and samples. */
public final class JsonTypes {
    /** The column of an array of scalars ({@code [1, 2, 3]}). */
    public static final String SCALAR_COLUMN = "value";

    private JsonTypes() {}

    public static CellType typeOf(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return CellType.EMPTY;
        }
        if (value.isIntegralNumber()) {
            return CellType.INTEGER;
        }
        if (value.isNumber()) {
            return CellType.FLOAT;
        }
        if (value.isBoolean()) {
            return CellType.BOOLEAN;
        }
        if (value.isTextual()) {
            CellType type = CellType.of(value.textValue());
            // a quoted number stays text in JSON: the producer chose a string
            return type == CellType.INTEGER || type == CellType.FLOAT || type == CellType.BOOLEAN
                    ? CellType.STRING : type;
        }
        return value.isEmpty() ? CellType.EMPTY : CellType.STRING; // nested object or array
    }
}
