package io.headroom.explorer.lake.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DateType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * A minimal Parquet writer for the lake generator: flat schema of OPTIONAL columns, one row group,
 * data pages (v1) of 2,000 rows, PLAIN values, RLE/bit-packed definition levels, no compression,
 * null counts in the column statistics. Output is a function of the input only (no clocks, no
 * random ids), so generated lakes are byte-for-byte reproducible.
 */
public final class ParquetFileWriter {
    static final String CREATED_BY = "headroom lake generator";
    /** Rows per data page: small enough that a sample reads little, large enough to keep headers negligible. */
    static final int ROWS_PER_PAGE = 2000;

    private ParquetFileWriter() {}

    public static void write(OutputStream out, List<ParquetColumn> columns) throws IOException {
        int rows = columns.isEmpty() ? 0 : columns.getFirst().values().size();
        for (ParquetColumn column : columns) {
            if (column.values().size() != rows) {
                throw new IllegalArgumentException(
                        "column " + column.name() + " has " + column.values().size() + " values, expected " + rows);
            }
        }
        PositionedOutput file = new PositionedOutput(out);
        file.write(ParquetFooter.MAGIC);
        List<SchemaElement> schema = new ArrayList<>();
        SchemaElement root = new SchemaElement("schema");
        root.setNum_children(columns.size());
        schema.add(root);
        List<ColumnChunk> chunks = new ArrayList<>();
        long rowGroupBytes = 0;
        for (ParquetColumn column : columns) {
            schema.add(schemaElement(column));
            long offset = file.position();
            long nulls = writeColumnChunk(file, column);
            long chunkBytes = file.position() - offset;
            rowGroupBytes += chunkBytes;
            ColumnMetaData metadata = new ColumnMetaData(
                    physicalType(column.kind()),
                    List.of(Encoding.PLAIN, Encoding.RLE),
                    List.of(column.name()),
                    CompressionCodec.UNCOMPRESSED,
                    rows,
                    chunkBytes,
                    chunkBytes,
                    offset);
            metadata.setStatistics(new Statistics().setNull_count(nulls));
            ColumnChunk chunk = new ColumnChunk(offset);
            chunk.setMeta_data(metadata);
            chunks.add(chunk);
        }
        RowGroup rowGroup = new RowGroup(chunks, rowGroupBytes, rows);
        FileMetaData metadata = new FileMetaData(1, schema, rows, rows == 0 ? List.of() : List.of(rowGroup));
        metadata.setCreated_by(CREATED_BY);
        long footerStart = file.position();
        Util.writeFileMetaData(metadata, file);
        int footerLength = (int) (file.position() - footerStart);
        file.writeIntLittleEndian(footerLength);
        file.write(ParquetFooter.MAGIC);
        file.flush();
    }

    /**
     * Writes the pages of one column, {@link #ROWS_PER_PAGE} rows each, so a reader that wants the
     * first rows (a sample) reads one page per column, not the whole column. Returns the null count.
     */
    private static long writeColumnChunk(OutputStream out, ParquetColumn column) throws IOException {
        List<Object> all = column.values();
        long nulls = 0;
        for (int from = 0; from < all.size(); from += ROWS_PER_PAGE) {
            List<Object> values = all.subList(from, Math.min(all.size(), from + ROWS_PER_PAGE));
            ByteArrayOutputStream levels = new ByteArrayOutputStream();
            nulls += LevelEncoding.writeBitPacked(levels, values);
            ByteArrayOutputStream page = new ByteArrayOutputStream(values.size() * 8 + 16);
            writeIntLittleEndian(page, levels.size());
            levels.writeTo(page);
            writePlainValues(page, column.kind(), values);
            PageHeader header = new PageHeader(PageType.DATA_PAGE, page.size(), page.size());
            header.setData_page_header(new DataPageHeader(values.size(), Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
            Util.writePageHeader(header, out);
            page.writeTo(out);
        }
        return nulls;
    }

    private static void writePlainValues(ByteArrayOutputStream page, ParquetColumn.Kind kind, List<Object> values)
            throws IOException {
        int bits = 0;
        int bitCount = 0;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            switch (kind) {
                case INT64 -> writeLongLittleEndian(page, (Long) value);
                case DOUBLE -> writeLongLittleEndian(page, Double.doubleToLongBits((Double) value));
                case DATE -> writeIntLittleEndian(page, (int) ((LocalDate) value).toEpochDay());
                case STRING -> {
                    byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                    writeIntLittleEndian(page, bytes.length);
                    page.write(bytes);
                }
                case BOOLEAN -> { // bit-packed, least significant bit first
                    if ((Boolean) value) {
                        bits |= 1 << bitCount;
                    }
                    if (++bitCount == 8) {
                        page.write(bits);
                        bits = 0;
                        bitCount = 0;
                    }
                }
            }
        }
        if (bitCount > 0) {
            page.write(bits);
        }
    }

    private static SchemaElement schemaElement(ParquetColumn column) {
        SchemaElement element = new SchemaElement(column.name());
        element.setType(physicalType(column.kind()));
        element.setRepetition_type(FieldRepetitionType.OPTIONAL);
        if (column.kind() == ParquetColumn.Kind.STRING) {
            element.setConverted_type(ConvertedType.UTF8);
            element.setLogicalType(LogicalType.STRING(new StringType()));
        } else if (column.kind() == ParquetColumn.Kind.DATE) {
            element.setConverted_type(ConvertedType.DATE);
            element.setLogicalType(LogicalType.DATE(new DateType()));
        }
        return element;
    }

    private static Type physicalType(ParquetColumn.Kind kind) {
        return switch (kind) {
            case INT64 -> Type.INT64;
            case DOUBLE -> Type.DOUBLE;
            case STRING -> Type.BYTE_ARRAY;
            case BOOLEAN -> Type.BOOLEAN;
            case DATE -> Type.INT32;
        };
    }

    static void writeIntLittleEndian(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static void writeLongLittleEndian(OutputStream out, long v) throws IOException {
        writeIntLittleEndian(out, (int) v);
        writeIntLittleEndian(out, (int) (v >>> 32));
    }

    /** Tracks the file offset, which the column metadata must record. */
    private static final class PositionedOutput extends OutputStream {
        private final OutputStream out;
        private long position;

        PositionedOutput(OutputStream out) {
            this.out = out;
        }

        long position() {
            return position;
        }

        void writeIntLittleEndian(int v) throws IOException {
            ParquetFileWriter.writeIntLittleEndian(this, v);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
