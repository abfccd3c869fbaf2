package io.headroom.explorer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fingerprint tells a refresh "updated" from "unchanged": any change of any field must change it. */
class DatasetFingerprintTest {
    private static final DatasetMetadata BASE = new DatasetMetadata("env/air.csv", "air", "env", DatasetFormat.CSV, 1_000,
            Instant.parse("2025-01-02T03:04:05Z"), 10L, true, 3, 97.5, List.of(new Column("a", "integer")),
            List.of("air", "open-data"), "Air readings", "CC-BY-4.0");

    @Test
    void equalMetadataHasEqualFingerprints() {
        DatasetMetadata copy = new DatasetMetadata(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(),
                BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(),
                List.of(new Column("a", "integer")), List.of("air", "open-data"), BASE.description(), BASE.license());
        assertThat(DatasetRows.fingerprint(copy)).isEqualTo(DatasetRows.fingerprint(BASE));
    }

    @Test
    void everySingleFieldChangeChangesTheFingerprint() {
        List<DatasetMetadata> variants = List.of(
                with(BASE.path() + "x", BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), "Air", BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), "en", BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), DatasetFormat.TSV, BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), 1_001, BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified().plusNanos(1_000), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), null, BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), false, BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), 4, BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), 97.6, BASE.columns(), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), List.of(new Column("a", "float")), BASE.tags(), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), List.of("air"), BASE.description(), BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), null, BASE.license()),
                with(BASE.path(), BASE.name(), BASE.folder(), BASE.format(), BASE.sizeBytes(), BASE.lastModified(), BASE.recordCount(), BASE.recordCountExact(), BASE.columnCount(), BASE.completeness(), BASE.columns(), BASE.tags(), BASE.description(), "CC0-1.0"));
        Set<Long> fingerprints = new HashSet<>();
        fingerprints.add(DatasetRows.fingerprint(BASE));
        for (DatasetMetadata variant : variants) {
            assertThat(fingerprints.add(DatasetRows.fingerprint(variant))).as(variant.toString()).isTrue();
        }
    }

    @Test
    void fieldBoundariesAndNullsCount() {
        DatasetMetadata ab = with("p", "ab", "c", DatasetFormat.CSV, 1, BASE.lastModified(), null, false, null, null, List.of(), List.of(), null, null);
        DatasetMetadata a = with("p", "a", "bc", DatasetFormat.CSV, 1, BASE.lastModified(), null, false, null, null, List.of(), List.of(), null, null);
        DatasetMetadata empty = with("p", "ab", "c", DatasetFormat.CSV, 1, BASE.lastModified(), null, false, null, null, List.of(), List.of(), "", null);
        assertThat(DatasetRows.fingerprint(ab)).isNotEqualTo(DatasetRows.fingerprint(a));
        assertThat(DatasetRows.fingerprint(ab)).as("NULL description vs empty").isNotEqualTo(DatasetRows.fingerprint(empty));
    }

    private static DatasetMetadata with(String path, String name, String folder, DatasetFormat format, long size, Instant modified,
            Long records, boolean exact, Integer columnCount, Double completeness, List<Column> columns, List<String> tags,
            String description, String license) {
        return new DatasetMetadata(path, name, folder, format, size, modified, records, exact, columnCount, completeness,
                columns, tags, description, license);
    }
}
