package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;

/**
 * The leaf columns of a Parquet schema (the flattened depth-first list in the footer), with the
 * definition/repetition levels a page reader needs and the catalog type each maps to.
 */
public record ParquetSchema(List<Leaf> leaves) {

    /**
     * @param path dotted path for nested fields ({@code address.city}); the plain name at top level
     * @param index position among the leaves, i.e. in each row group's column chunks
     */
    public record Leaf(String path, SchemaElement element, int index, int maxDefinitionLevel, int maxRepetitionLevel) {
        public boolean isNested() {
            return path.indexOf('.') >= 0 || maxRepetitionLevel > 0;
        }

        public Column column() {
            return new Column(path, typeName(element));
        }
    }

    public static ParquetSchema of(FileMetaData metadata) throws MalformedDataException {
        List<SchemaElement> elements = metadata.getSchema();
        if (elements == null || elements.isEmpty()) {
            throw new MalformedDataException("Parquet footer without a schema");
        }
        List<Leaf> leaves = new ArrayList<>();
        int[] next = {1};
        SchemaElement root = elements.getFirst();
        for (int i = 0; i < root.getNum_children(); i++) {
            collect(elements, next, "", 0, 0, leaves);
        }
        return new ParquetSchema(leaves);
    }

    private static void collect(
            List<SchemaElement> elements, int[] next, String prefix, int definition, int repetition, List<Leaf> leaves)
            throws MalformedDataException {
        if (next[0] >= elements.size()) {
            throw new MalformedDataException("Parquet schema shorter than its declared children");
        }
        SchemaElement element = elements.get(next[0]++);
        FieldRepetitionType kind =
                element.isSetRepetition_type() ? element.getRepetition_type() : FieldRepetitionType.REQUIRED;
        int def = definition + (kind == FieldRepetitionType.REQUIRED ? 0 : 1);
        int rep = repetition + (kind == FieldRepetitionType.REPEATED ? 1 : 0);
        String path = prefix.isEmpty() ? element.getName() : prefix + "." + element.getName();
        if (element.isSetNum_children() && element.getNum_children() > 0) {
            for (int i = 0; i < element.getNum_children(); i++) {
                collect(elements, next, path, def, rep, leaves);
            }
        } else {
            leaves.add(new Leaf(path, element, leaves.size(), def, rep));
        }
    }

    public List<Column> columns() {
        return leaves.stream().map(Leaf::column).toList();
    }

    /** The catalog type of a leaf: its logical type first, then the legacy converted type, then the physical one. */
    static String typeName(SchemaElement element) {
        if (element.isSetLogicalType()) {
            LogicalType logical = element.getLogicalType();
            if (logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON() || logical.isSetUUID()) {
                return "string";
            }
            if (logical.isSetDATE()) {
                return "date";
            }
            if (logical.isSetTIMESTAMP()) {
                return "timestamp";
            }
            if (logical.isSetTIME()) {
                return "time";
            }
            if (logical.isSetDECIMAL()) {
                return "decimal";
            }
            if (logical.isSetINTEGER()) {
                return "integer";
            }
        }
        if (element.isSetConverted_type()) {
            ConvertedType converted = element.getConverted_type();
            switch (converted) {
                case UTF8, ENUM, JSON -> {
                    return "string";
                }
                case DATE -> {
                    return "date";
                }
                case TIMESTAMP_MILLIS, TIMESTAMP_MICROS -> {
                    return "timestamp";
                }
                case TIME_MILLIS, TIME_MICROS -> {
                    return "time";
                }
                case DECIMAL -> {
                    return "decimal";
                }
                default -> {}
            }
        }
        if (!element.isSetType()) {
            return "string";
        }
        return switch (element.getType()) {
            case BOOLEAN -> "boolean";
            case INT32, INT64 -> "integer";
            case INT96 -> "timestamp";
            case FLOAT, DOUBLE -> "float";
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> "binary";
        };
    }
}
