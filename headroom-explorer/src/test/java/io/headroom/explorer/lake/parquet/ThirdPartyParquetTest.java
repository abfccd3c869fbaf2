package io.headroom.explorer.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.analysis.TableProfile;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by another engine (DuckDB, see the fixture's README): our reader is not only self-consistent. */
class ThirdPartyParquetTest {

    @TempDir
    Path root;

    private StoredObject fixture(LocalObjectStore store) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("duckdb-snappy-dictionary.parquet")) {
            Files.copy(in, root.resolve("duck.parquet"));
        }
        return store.stat("duck.parquet").orElseThrow();
    }

    @Test
    void footerOfADuckDbFile() throws IOException {
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            TableProfile profile = ParquetAnalyzer.analyze(store, fixture(store));
            assertThat(profile.recordCount()).isEqualTo(60);
            assertThat(profile.columns())
                    .containsExactly(
                            new Column("id", "integer"),
                            new Column("city", "string"),
                            new Column("amount", "decimal"),
                            new Column("score", "decimal"),
                            new Column("even", "boolean"),
                            new Column("day", "date"),
                            new Column("ts", "timestamp"));
            // 9 null cities (i = 0, 7, ..., 56) of 420 cells
            assertThat(profile.completeness()).isEqualTo(97.86);
        }
    }

    @Test
    void rowsOfASnappyDictionaryEncodedDuckDbFile() throws IOException {
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            ParquetRowReader.Rows rows = ParquetRowReader.read(store, fixture(store), 60);
            assertThat(rows.truncated()).isFalse();
            assertThat(rows.rows()).hasSize(60);
            for (int i = 0; i < 60; i++) {
                List<Object> expected = Arrays.asList(
                        (long) i,
                        i % 7 == 0 ? null : "city_" + (i % 5),
                        new BigDecimal(i * 25).movePointLeft(2),
                        new BigDecimal(i * 15).movePointLeft(1),
                        i % 2 == 0,
                        LocalDate.of(2024, 1, 1).plusDays(i).toString(),
                        Instant.parse("2024-01-01T00:00:00Z")
                                .plusSeconds(60L * i)
                                .toString());
                assertThat(rows.rows().get(i)).as("row %d", i).isEqualTo(expected);
            }
        }
    }
}
