package io.headroom.explorer.generate;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.parquet.ParquetColumn;
import io.headroom.explorer.lake.parquet.ParquetFileWriter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes generated tables as CSV/TSV, JSON Lines, JSON arrays, Parquet, or plain text ("other"). */
final class TableFiles {
    private static final int BUFFER = 64 * 1024;

    private TableFiles() {}

    static void write(Path file, DatasetFormat format, char delimiter, TableData table) throws IOException {
        if (format == DatasetFormat.PARQUET) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
                ParquetFileWriter.write(out, parquetColumns(table));
            }
            return;
        }
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER)) {
            switch (format) {
                case CSV, TSV -> delimited(out, delimiter, table);
                case JSONL -> jsonLines(out, table);
                case JSON -> jsonArray(out, table);
                default -> text(out, table);
            }
        }
    }

    private static void delimited(Writer out, char delimiter, TableData table) throws IOException {
        List<ColumnSpec> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                out.write(delimiter);
            }
            out.write(columns.get(c).name());
        }
        out.write('\n');
        for (Object[] row : table.rows()) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                if (row[c] != null) {
                    writeCsvCell(out, row[c].toString(), delimiter);
                }
            }
            out.write('\n');
        }
    }

    /** RFC 4180: a cell holding the delimiter, a quote or a line break is quoted, quotes doubled. */
    private static void writeCsvCell(Writer out, String text, char delimiter) throws IOException {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char ch = text.charAt(i);
            quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    /** One object per line; empty cells are left out (readers must cope with missing keys). */
    private static void jsonLines(Writer out, TableData table) throws IOException {
        for (Object[] row : table.rows()) {
            writeObject(out, table.columns(), row, false);
            out.write('\n');
        }
    }

    /** One array of objects; empty cells are explicit nulls. */
    private static void jsonArray(Writer out, TableData table) throws IOException {
        out.write("[\n");
        List<Object[]> rows = table.rows();
        for (int r = 0; r < rows.size(); r++) {
            out.write("  ");
            writeObject(out, table.columns(), rows.get(r), true);
            out.write(r + 1 < rows.size() ? ",\n" : "\n");
        }
        out.write("]\n");
    }

    private static void writeObject(Writer out, List<ColumnSpec> columns, Object[] row, boolean nulls)
            throws IOException {
        out.write('{');
        boolean first = true;
        for (int c = 0; c < row.length; c++) {
            if (row[c] == null && !nulls) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            writeJsonString(out, columns.get(c).name());
            out.write(':');
            Object value = row[c];
            if (value == null) {
                out.write("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.write(value.toString());
            } else {
                writeJsonString(out, value.toString());
            }
        }
        out.write('}');
    }

    static void writeJsonString(Writer out, String text) throws IOException {
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.write(String.format("\\u%04x", (int) ch));
                    } else {
                        out.write(ch);
                    }
                }
            }
        }
        out.write('"');
    }

    /** A free-text log: words and spaces only, so it never sniffs as a table. */
    private static void text(Writer out, TableData table) throws IOException {
        for (Object[] row : table.rows()) {
            out.write("entry ");
            out.write(row[0].toString());
            for (int c = 1; c < row.length; c++) {
                if (row[c] instanceof String s) {
                    out.write(' ');
                    out.write(s.replaceAll("[^\\p{L}\\p{N} ]", ""));
                }
            }
            out.write('\n');
        }
    }

    private static List<ParquetColumn> parquetColumns(TableData table) {
        List<ParquetColumn> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            ColumnSpec spec = table.columns().get(c);
            List<Object> values = new ArrayList<>(table.rows().size());
            for (Object[] row : table.rows()) {
                values.add(row[c]);
            }
            ParquetColumn.Kind kind = switch (spec.kind()) {
                case ID, COUNT -> ParquetColumn.Kind.INT64;
                case AMOUNT -> ParquetColumn.Kind.DOUBLE;
                case FLAG -> ParquetColumn.Kind.BOOLEAN;
                case DATE -> ParquetColumn.Kind.DATE;
                case CATEGORY, PERSON, NOTE -> ParquetColumn.Kind.STRING;
            };
            columns.add(new ParquetColumn(spec.name(), kind, values));
        }
        return columns;
    }
}
