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
            return ofText(value.textValue());
        }
        return value.isEmpty() ? CellType.EMPTY : CellType.STRING; // nested object or array
    }

    /** A JSON string: a date or timestamp when it looks like one; a quoted number stays text (the producer chose a string). */
    public static CellType ofText(String text) {
        CellType type = CellType.of(text);
        return type == CellType.INTEGER || type == CellType.FLOAT || type == CellType.BOOLEAN ? CellType.STRING : type;
    }
}
