package io.headroom.explorer.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import io.headroom.explorer.lake.analysis.TableProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRoundTripTest {

    @TempDir
    Path root;

    LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    private StoredObject write(String name, List<ParquetColumn> columns) throws IOException {
        try (OutputStream out = Files.newOutputStream(root.resolve(name))) {
            ParquetFileWriter.write(out, columns);
        }
        return store.stat(name).orElseThrow();
    }

    private static List<ParquetColumn> table(int rows) {
        List<Object> ids = new ArrayList<>();
        List<Object> amounts = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> flags = new ArrayList<>();
        List<Object> days = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add((long) i);
            amounts.add(i % 4 == 0 ? null : i * 1.5);
            names.add(i % 5 == 0 ? null : "name " + i + " — ü");
            flags.add(i % 3 == 0);
            days.add(LocalDate.of(2024, 1, 1).plusDays(i));
        }
        return List.of(
                new ParquetColumn("id", ParquetColumn.Kind.INT64, ids),
                new ParquetColumn("amount", ParquetColumn.Kind.DOUBLE, amounts),
                new ParquetColumn("name", ParquetColumn.Kind.STRING, names),
                new ParquetColumn("flag", ParquetColumn.Kind.BOOLEAN, flags),
                new ParquetColumn("day", ParquetColumn.Kind.DATE, days));
    }

    @Test
    void footerGivesSchemaRowCountAndCompleteness() throws IOException {
        StoredObject file = write("t.parquet", table(100));
        TableProfile profile = ParquetAnalyzer.analyze(store, file);
        assertThat(profile.format()).isEqualTo(DatasetFormat.PARQUET);
        assertThat(profile.recordCount()).isEqualTo(100);
        assertThat(profile.recordCountExact()).isTrue();
        assertThat(profile.columns())
                .containsExactly(
                        new Column("id", "integer"),
                        new Column("amount", "float"),
                        new Column("name", "string"),
                        new Column("flag", "boolean"),
                        new Column("day", "date"));
        // 500 cells, 25 null amounts + 20 null names
        assertThat(profile.completeness()).isEqualTo(91.0);
    }

    @Test
    void rowReaderDecodesEveryTypeWithNulls() throws IOException {
        StoredObject file = write("t.parquet", table(30));
        ParquetRowReader.Rows rows = ParquetRowReader.read(store, file, 13);
        assertThat(rows.truncated()).isTrue();
        assertThat(rows.rows()).hasSize(13);
        assertThat(rows.rows().get(0)).containsExactly(0L, null, null, true, "2024-01-01");
        assertThat(rows.rows().get(1)).containsExactly(1L, 1.5, "name 1 — ü", false, "2024-01-02");
        assertThat(rows.rows().get(12)).containsExactly(12L, null, "name 12 — ü", true, "2024-01-13");
    }

    @Test
    void readingMoreRowsThanTheFileHasIsNotTruncated() throws IOException {
        StoredObject file = write("t.parquet", table(7));
        ParquetRowReader.Rows rows = ParquetRowReader.read(store, file, 20);
        assertThat(rows.rows()).hasSize(7);
        assertThat(rows.truncated()).isFalse();
        assertThat(rows.rows().get(6).get(0)).isEqualTo(6L);
    }

    @Test
    void readsAcrossPagesOfAColumn() throws IOException {
        int rows = ParquetFileWriter.ROWS_PER_PAGE * 2 + 7; // three pages per column
        List<ParquetColumn> columns = table(rows);
        StoredObject file = write("big.parquet", columns);
        assertThat(ParquetAnalyzer.analyze(store, file).recordCount()).isEqualTo(rows);
        ParquetRowReader.Rows all = ParquetRowReader.read(store, file, rows);
        assertThat(all.truncated()).isFalse();
        assertThat(all.rows()).hasSize(rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.size(); c++) {
                Object written = columns.get(c).values().get(r);
                Object expected = written instanceof LocalDate day ? day.toString() : written;
                assertThat(all.rows().get(r).get(c))
                        .as("row %d column %d", r, c)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void anEmptyTableHasNoRows() throws IOException {
        StoredObject file = write("e.parquet", List.of(new ParquetColumn("id", ParquetColumn.Kind.INT64, List.of())));
        assertThat(ParquetAnalyzer.analyze(store, file).recordCount()).isZero();
        assertThat(ParquetRowReader.read(store, file, 5).rows()).isEmpty();
    }

    @Test
    void aFileWithoutTheMagicIsNotParquet() throws IOException {
        Files.writeString(root.resolve("fake.parquet"), "id,name\n1,hello world\n");
        StoredObject file = store.stat("fake.parquet").orElseThrow();
        assertThatThrownBy(() -> ParquetAnalyzer.analyze(store, file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("PAR1");
    }

    @Test
    void writerOutputIsAFunctionOfItsInput() throws IOException {
        write("a.parquet", table(50));
        write("b.parquet", table(50));
        assertThat(Arrays.equals(
                        Files.readAllBytes(root.resolve("a.parquet")), Files.readAllBytes(root.resolve("b.parquet"))))
                .isTrue();
    }
}
