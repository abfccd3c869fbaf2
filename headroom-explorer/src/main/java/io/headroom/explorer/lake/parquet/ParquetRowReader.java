package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Decodes the first rows of a flat Parquet file, page by page, stopping as soon as it has them:
 * data pages v1 and v2, PLAIN and dictionary encodings, UNCOMPRESSED / SNAPPY / GZIP. Anything else
 * (nested columns, DELTA_* or BYTE_STREAM_SPLIT encodings, ZSTD/LZ4/BROTLI) is an
 * {@link UnsupportedContentException} naming what is missing.
 */
public final class ParquetRowReader {
    /** A page larger than this is not something a sample should load. */
    static final int MAX_PAGE_BYTES = 128 * 1024 * 1024;

    /** @param truncated true when the file holds more rows than were read */
    public record Rows(List<Column> columns, List<List<Object>> rows, boolean truncated) {}

    private ParquetRowReader() {}

    public static Rows read(ObjectStore store, StoredObject file, int maxRows) throws IOException {
        FileMetaData metadata = ParquetFooter.read(store, file);
        ParquetSchema schema = ParquetSchema.of(metadata);
        for (ParquetSchema.Leaf leaf : schema.leaves()) {
            if (leaf.isNested()) {
                throw new UnsupportedContentException(
                        "Parquet samples of nested columns are not supported (" + leaf.path() + ")");
            }
        }
        int wanted = (int) Math.min(maxRows, metadata.getNum_rows());
        List<Object[]> columns = new ArrayList<>();
        for (ParquetSchema.Leaf leaf : schema.leaves()) {
            Object[] values = new Object[wanted];
            int filled = 0;
            for (RowGroup rowGroup : metadata.getRow_groups()) {
                if (filled >= wanted) {
                    break;
                }
                filled = readChunk(store, file, rowGroup.getColumns().get(leaf.index()), leaf, values, filled);
            }
            if (filled < wanted) {
                throw new MalformedDataException(
                        "column " + leaf.path() + " holds fewer values than the footer's row count");
            }
            columns.add(values);
        }
        List<List<Object>> rows = new ArrayList<>(wanted);
        for (int r = 0; r < wanted; r++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = columns.get(c)[r];
            }
            rows.add(Arrays.asList(row));
        }
        return new Rows(schema.columns(), rows, metadata.getNum_rows() > wanted);
    }

    private static int readChunk(
            ObjectStore store,
            StoredObject file,
            ColumnChunk chunk,
            ParquetSchema.Leaf leaf,
            Object[] values,
            int filled)
            throws IOException {
        if (chunk.isSetFile_path()) {
            throw new UnsupportedContentException("Parquet column chunks in other files are not supported");
        }
        if (!chunk.isSetMeta_data()) {
            throw new MalformedDataException("column chunk without metadata");
        }
        ColumnMetaData metadata = chunk.getMeta_data();
        long start = metadata.getData_page_offset();
        if (metadata.isSetDictionary_page_offset() && metadata.getDictionary_page_offset() > 0) {
            start = Math.min(start, metadata.getDictionary_page_offset());
        }
        PlainDecoder decoder = new PlainDecoder(leaf);
        Object[] dictionary = null;
        long valuesRead = 0;
        try (InputStream in =
                new BufferedInputStream(store.openRange(file.key(), start, metadata.getTotal_compressed_size()))) {
            while (filled < values.length && valuesRead < metadata.getNum_values()) {
                PageHeader header = Util.readPageHeader(in);
                if (header.getCompressed_page_size() < 0 || header.getCompressed_page_size() > MAX_PAGE_BYTES) {
                    throw new MalformedDataException("implausible page size " + header.getCompressed_page_size());
                }
                byte[] raw = new byte[header.getCompressed_page_size()];
                // straight into one array: readNBytes(int) would gather 16 KB chunks and copy them again
                if (in.readNBytes(raw, 0, raw.length) != raw.length) {
                    throw new MalformedDataException("Parquet page cut short in column " + leaf.path());
                }
                switch (header.getType()) {
                    case DICTIONARY_PAGE -> {
                        ByteBuffer page = buffer(decompress(raw, metadata.getCodec()));
                        dictionary = decoder.decode(
                                page, header.getDictionary_page_header().getNum_values());
                    }
                    case DATA_PAGE -> {
                        DataPageHeader data = header.getData_page_header();
                        ByteBuffer page = buffer(decompress(raw, metadata.getCodec()));
                        int[] levels = null;
                        if (leaf.maxDefinitionLevel() > 0) {
                            int length = page.getInt();
                            ByteBuffer levelBytes =
                                    page.slice(page.position(), length).order(ByteOrder.LITTLE_ENDIAN);
                            levels = LevelEncoding.decode(
                                    levelBytes,
                                    LevelEncoding.bitWidth(leaf.maxDefinitionLevel()),
                                    Math.min(data.getNum_values(), values.length - filled));
                            page.position(page.position() + length);
                        }
                        filled = place(
                                page,
                                data.getEncoding(),
                                data.getNum_values(),
                                levels,
                                leaf,
                                decoder,
                                dictionary,
                                values,
                                filled);
                        valuesRead += data.getNum_values();
                    }
                    case DATA_PAGE_V2 -> {
                        DataPageHeaderV2 data = header.getData_page_header_v2();
                        int levelsStart = data.getRepetition_levels_byte_length();
                        int levelsLength = data.getDefinition_levels_byte_length();
                        int[] levels = null;
                        if (leaf.maxDefinitionLevel() > 0) {
                            levels = LevelEncoding.decode(
                                    buffer(raw).position(levelsStart),
                                    LevelEncoding.bitWidth(leaf.maxDefinitionLevel()),
                                    Math.min(data.getNum_values(), values.length - filled));
                        }
                        byte[] valueBytes = Arrays.copyOfRange(raw, levelsStart + levelsLength, raw.length);
                        if (!data.isSetIs_compressed() || data.isIs_compressed()) {
                            valueBytes = decompress(valueBytes, metadata.getCodec());
                        }
                        filled = place(
                                buffer(valueBytes),
                                data.getEncoding(),
                                data.getNum_values(),
                                levels,
                                leaf,
                                decoder,
                                dictionary,
                                values,
                                filled);
                        valuesRead += data.getNum_values();
                    }
                    default -> {} // index pages carry no values
                }
            }
        } catch (IOException e) {
            if (e instanceof UnsupportedContentException || e instanceof MalformedDataException) {
                throw e;
            }
            throw new MalformedDataException(
                    "unreadable Parquet page in column " + leaf.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) { // buffer under/overflow on a corrupt page
            throw new MalformedDataException("corrupt Parquet page in column " + leaf.path(), e);
        }
        return filled;
    }

    /** Decodes a page's values and places them, with nulls where the definition level says so. */
    private static int place(
            ByteBuffer page,
            Encoding encoding,
            int count,
            int[] levels,
            ParquetSchema.Leaf leaf,
            PlainDecoder decoder,
            Object[] dictionary,
            Object[] values,
            int filled)
            throws IOException {
        // Decode only the values the sample still needs, not the whole page: a 20-row sample of a
        // page of 20,000 strings creates 20 strings, not 20,000.
        int take = Math.min(count, values.length - filled);
        int present = 0;
        if (levels == null) {
            present = take;
        } else {
            for (int i = 0; i < take; i++) {
                if (levels[i] == leaf.maxDefinitionLevel()) {
                    present++;
                }
            }
        }
        Object[] decoded = switch (encoding) {
            case PLAIN -> decoder.decode(page, present);
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                if (dictionary == null) {
                    throw new MalformedDataException("dictionary-encoded page without a dictionary page");
                }
                int bitWidth = page.get() & 0xFF;
                int[] indices = LevelEncoding.decode(page, bitWidth, present);
                Object[] out = new Object[present];
                for (int i = 0; i < present; i++) {
                    if (indices[i] < 0 || indices[i] >= dictionary.length) {
                        throw new MalformedDataException("dictionary index out of range");
                    }
                    out[i] = dictionary[indices[i]];
                }
                yield out;
            }
            default ->
                throw new UnsupportedContentException("Parquet encoding " + encoding + " (column " + leaf.path()
                        + ") is not supported; supported: PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY");
        };
        int next = 0;
        for (int i = 0; i < take; i++) {
            boolean isPresent = levels == null || levels[i] == leaf.maxDefinitionLevel();
            values[filled++] = isPresent ? decoded[next++] : null;
        }
        return filled;
    }

    private static byte[] decompress(byte[] raw, CompressionCodec codec) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> raw;
            case SNAPPY -> Snappy.decompress(raw);
            case GZIP -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    yield in.readAllBytes();
                }
            }
            default ->
                throw new UnsupportedContentException(
                        "Parquet compression " + codec + " is not supported; supported: UNCOMPRESSED, SNAPPY, GZIP");
        };
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
