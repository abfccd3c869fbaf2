package io.headroom.explorer.lake.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import io.headroom.explorer.lake.parquet.ParquetColumn;
import io.headroom.explorer.lake.parquet.ParquetFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleReaderTest {

    @TempDir
    Path root;

    SampleReader reader;

    @BeforeEach
    void setUp() throws IOException {
        reader = new SampleReader(new LocalObjectStore(root));
    }

    @Test
    void csvSampleHasWholeTypedRowsAndSaysItIsTruncated() throws IOException {
        Files.writeString(root.resolve("a.csv"), "station;reading;note\nA1;3.2;\"two\nlines\"\nB2;4;\nC3;5.5;x\n");
        Sample sample = reader.read("a.csv", DatasetFormat.CSV, 2);
        assertThat(sample.columns())
                .containsExactly(
                        new Column("station", "string"), new Column("reading", "float"), new Column("note", "string"));
        assertThat(sample.rows())
                .containsExactly(Arrays.asList("A1", 3.2, "two\nlines"), Arrays.asList("B2", 4.0, null));
        assertThat(sample.truncated()).isTrue();
    }

    @Test
    void askingForAllRowsIsNotTruncated() throws IOException {
        Files.writeString(root.resolve("a.tsv"), "n\tok\n1\ttrue\n2\tfalse\n");
        Sample sample = reader.read("a.tsv", DatasetFormat.TSV, 2);
        assertThat(sample.rows()).containsExactly(List.of(1L, true), List.of(2L, false));
        assertThat(sample.truncated()).isFalse();
    }

    @Test
    void headerlessCsvGetsGeneratedNamesAndRaggedRowsArePadded() throws IOException {
        Files.writeString(root.resolve("h.csv"), "1,x\n2,y,extra\n");
        Sample sample = reader.read("h.csv", DatasetFormat.CSV, 5);
        assertThat(sample.columns()).extracting(Column::name).containsExactly("column_1", "column_2", "column_3");
        assertThat(sample.rows()).containsExactly(Arrays.asList(1L, "x", null), Arrays.asList(2L, "y", "extra"));
    }

    @Test
    void gzippedCsvIsReadThroughTheCompression() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(root.resolve("z.csv.gz"), bytes.toByteArray());
        assertThat(reader.read("z.csv.gz", DatasetFormat.CSV, 5).rows()).containsExactly(List.of(1L, 2L));
    }

    @Test
    void jsonArraySampleKeepsJsonTypes() throws IOException {
        Files.writeString(
                root.resolve("a.json"), "[{\"id\":1,\"v\":2.5,\"tags\":[\"x\"]},{\"id\":2,\"v\":null},{\"id\":3}]");
        Sample sample = reader.read("a.json", DatasetFormat.JSON, 2);
        assertThat(sample.columns()).extracting(Column::name).containsExactly("id", "v", "tags");
        assertThat(sample.rows()).containsExactly(Arrays.asList(1, 2.5, List.of("x")), Arrays.asList(2, null, null));
        assertThat(sample.truncated()).isTrue();
    }

    @Test
    void jsonLinesSampleStopsAfterTheRowsAsked() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append("{\"i\":").append(i).append("}\n");
        }
        lines.append("this line is not JSON and is never read\n");
        Files.writeString(root.resolve("a.jsonl"), lines);
        Sample sample = reader.read("a.jsonl", DatasetFormat.JSONL, 3);
        assertThat(sample.rows()).containsExactly(List.of(0), List.of(1), List.of(2));
        assertThat(sample.truncated()).isTrue();
    }

    @Test
    void aJsonRecordTooLargeToSampleIsRefusedNotLoaded() throws IOException {
        StringBuilder json = new StringBuilder("{\"data\": [");
        long target = SampleReader.MAX_JSON_BYTES_READ + 1024;
        for (int i = 0; json.length() < target; i++) {
            json.append(i == 0 ? "" : ",").append("\"0123456789012345678901234567890123456789\"");
        }
        json.append("]}");
        Files.writeString(root.resolve("wrapped.json"), json);
        assertThatThrownBy(() -> reader.read("wrapped.json", DatasetFormat.JSON, 5))
                .isInstanceOf(MalformedDataException.class);
    }

    @Test
    void parquetSampleDecodesPages() throws IOException {
        try (OutputStream out = Files.newOutputStream(root.resolve("p.parquet"))) {
            ParquetFileWriter.write(
                    out,
                    List.of(
                            new ParquetColumn("id", ParquetColumn.Kind.INT64, List.of(1L, 2L, 3L)),
                            new ParquetColumn("name", ParquetColumn.Kind.STRING, Arrays.asList("a", null, "c"))));
        }
        Sample sample = reader.read("p.parquet", DatasetFormat.PARQUET, 2);
        assertThat(sample.columns()).containsExactly(new Column("id", "integer"), new Column("name", "string"));
        assertThat(sample.rows()).containsExactly(Arrays.asList(1L, "a"), Arrays.asList(2L, null));
        assertThat(sample.truncated()).isTrue();
    }

    @Test
    void formatsWithoutAReaderAreUnsupported() throws IOException {
        Files.writeString(root.resolve("a.avro"), "Obj\1");
        assertThatThrownBy(() -> reader.read("a.avro", DatasetFormat.AVRO, 5))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("avro");
    }

    @Test
    void rowsOutsideOneToAThousandAreRejected() {
        assertThatThrownBy(() -> reader.read("a.csv", DatasetFormat.CSV, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read("a.csv", DatasetFormat.CSV, 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
