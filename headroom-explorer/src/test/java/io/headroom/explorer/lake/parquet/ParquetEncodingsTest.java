package io.headroom.explorer.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files laid out the way common writers (pyarrow, Spark) lay them out by default — a dictionary page
 * then RLE_DICTIONARY data pages, SNAPPY, data page v2 — built page by page here, since no Parquet
 * writer is on the test class path.
 */
class ParquetEncodingsTest {

    @TempDir
    Path root;

    @Test
    void decodesSnappyDictionaryPagesAndDataPageV2() throws IOException {
        StoredObject file = writeFile("dict.parquet", CompressionCodec.SNAPPY, Encoding.RLE_DICTIONARY);
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            ParquetRowReader.Rows rows = ParquetRowReader.read(store, file, 10);
            assertThat(rows.rows())
                    .containsExactly(
                            Arrays.asList("Rome", 10L), Arrays.asList(null, 20L),
                            Arrays.asList("Oslo", 30L), Arrays.asList("Rome", 40L));
            assertThat(rows.truncated()).isFalse();
        }
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        StoredObject file = writeFile("zstd.parquet", CompressionCodec.ZSTD, Encoding.RLE_DICTIONARY);
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            assertThatThrownBy(() -> ParquetRowReader.read(store, file, 10))
                    .isInstanceOf(UnsupportedContentException.class)
                    .hasMessageContaining("ZSTD");
        }
    }

    @Test
    void unsupportedEncodingIsNamed() throws IOException {
        StoredObject file = writeFile("delta.parquet", CompressionCodec.SNAPPY, Encoding.DELTA_BINARY_PACKED);
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            assertThatThrownBy(() -> ParquetRowReader.read(store, file, 10))
                    .isInstanceOf(UnsupportedContentException.class)
                    .hasMessageContaining("DELTA_BINARY_PACKED");
        }
    }

    @Test
    void snappyHandlesLiteralsAndOverlappingCopies() throws IOException {
        // "abc" literal, then copy-1 of 9 bytes at offset 3, then copy-2 of 4 bytes at offset 12
        byte[] block = {16, 0x08, 'a', 'b', 'c', 0x15, 3, (byte) ((4 - 1) << 2 | 2), 12, 0};
        assertThat(new String(Snappy.decompress(block), StandardCharsets.US_ASCII))
                .isEqualTo("abcabcabcabcabca");
        assertThatThrownBy(() -> Snappy.decompress(new byte[] {5, 0x15, 9})).isInstanceOf(MalformedDataException.class);
    }

    /** city: OPTIONAL UTF8, dictionary + data page v1; n: REQUIRED INT64, data page v2 PLAIN. */
    private StoredObject writeFile(String name, CompressionCodec codec, Encoding cityEncoding) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(ParquetFooter.MAGIC);

        // column 1: dictionary page ["Oslo", "Rome"], then a data page with Rome, null, Oslo, Rome
        long cityStart = file.size();
        ByteArrayOutputStream dictionary = new ByteArrayOutputStream();
        for (String city : List.of("Oslo", "Rome")) {
            ParquetFileWriter.writeIntLittleEndian(dictionary, city.length());
            dictionary.write(city.getBytes(StandardCharsets.UTF_8));
        }
        PageHeader dictHeader = new PageHeader(PageType.DICTIONARY_PAGE, dictionary.size(), 0);
        dictHeader.setDictionary_page_header(new DictionaryPageHeader(2, Encoding.PLAIN_DICTIONARY));
        page(file, dictHeader, dictionary.toByteArray(), codec);
        long cityData = file.size();
        ByteArrayOutputStream levels = new ByteArrayOutputStream();
        LevelEncoding.writeBitPacked(levels, Arrays.asList("x", null, "x", "x"));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ParquetFileWriter.writeIntLittleEndian(data, levels.size());
        levels.writeTo(data);
        data.write(1); // index bit width 1
        data.write(new byte[] {3, 0b101}); // one bit-packed group: indices 1, 0, 1
        PageHeader dataHeader = new PageHeader(PageType.DATA_PAGE, data.size(), 0);
        dataHeader.setData_page_header(new DataPageHeader(4, cityEncoding, Encoding.RLE, Encoding.RLE));
        page(file, dataHeader, data.toByteArray(), codec);
        long cityEnd = file.size();

        // column 2: data page v2, no levels (REQUIRED), PLAIN int64 10, 20, 30, 40, values compressed
        long nStart = file.size();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (long v : new long[] {10, 20, 30, 40}) {
            ParquetFileWriter.writeLongLittleEndian(values, v);
        }
        PageHeader v2 = new PageHeader(PageType.DATA_PAGE_V2, values.size(), 0);
        v2.setData_page_header_v2(new DataPageHeaderV2(4, 0, 4, Encoding.PLAIN, 0, 0));
        page(file, v2, values.toByteArray(), codec);
        long nEnd = file.size();

        SchemaElement rootElement = new SchemaElement("schema");
        rootElement.setNum_children(2);
        SchemaElement city = new SchemaElement("city");
        city.setType(Type.BYTE_ARRAY);
        city.setRepetition_type(FieldRepetitionType.OPTIONAL);
        city.setConverted_type(ConvertedType.UTF8);
        SchemaElement n = new SchemaElement("n");
        n.setType(Type.INT64);
        n.setRepetition_type(FieldRepetitionType.REQUIRED);

        ColumnMetaData cityMeta = new ColumnMetaData(
                Type.BYTE_ARRAY,
                List.of(Encoding.PLAIN_DICTIONARY, cityEncoding),
                List.of("city"),
                codec,
                4,
                cityEnd - cityStart,
                cityEnd - cityStart,
                cityData);
        cityMeta.setDictionary_page_offset(cityStart);
        ColumnChunk cityChunk = new ColumnChunk(cityStart);
        cityChunk.setMeta_data(cityMeta);
        ColumnMetaData nMeta = new ColumnMetaData(
                Type.INT64, List.of(Encoding.PLAIN), List.of("n"), codec, 4, nEnd - nStart, nEnd - nStart, nStart);
        ColumnChunk nChunk = new ColumnChunk(nStart);
        nChunk.setMeta_data(nMeta);
        FileMetaData metadata = new FileMetaData(
                1,
                List.of(rootElement, city, n),
                4,
                List.of(new RowGroup(List.of(cityChunk, nChunk), nEnd - cityStart, 4)));
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(metadata, footer);
        footer.writeTo(file);
        ParquetFileWriter.writeIntLittleEndian(file, footer.size());
        file.write(ParquetFooter.MAGIC);
        Files.write(root.resolve(name), file.toByteArray());
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            return store.stat(name).orElseThrow();
        }
    }

    /** Compresses with the codec (SNAPPY: literal-only blocks, which any decoder must accept). */
    private static void page(OutputStream out, PageHeader header, byte[] body, CompressionCodec codec)
            throws IOException {
        byte[] stored = codec == CompressionCodec.SNAPPY ? snappyLiterals(body) : body;
        header.setCompressed_page_size(stored.length);
        Util.writePageHeader(header, out);
        out.write(stored);
    }

    private static byte[] snappyLiterals(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LevelEncoding.writeUnsignedVarInt(out, body.length);
        for (int i = 0; i < body.length; i += 60) {
            int n = Math.min(60, body.length - i);
            out.write((n - 1) << 2);
            out.write(body, i, n);
        }
        return out.toByteArray();
    }
}
