package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonAnalyzerTest {
    private static final AnalysisLimits GENEROUS = AnalysisLimits.withExactCountLimit(1L << 30);

    private static TableProfile analyze(String text, AnalysisLimits limits, DatasetFormat declared) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new JsonAnalyzer(limits).analyze(new ByteArrayInputStream(bytes), bytes.length, false, declared);
    }

    @Test
    void readsAnArrayOfObjects() throws IOException {
        TableProfile profile = analyze("""
                [{"id": 1, "v": 2.5, "d": "2024-01-01", "ok": true, "s": "12"},
                 {"id": 2, "v": 3,   "d": null,         "ok": false, "s": "x", "extra": [1]}]
                """, GENEROUS, DatasetFormat.JSON);
        assertThat(profile.format()).isEqualTo(DatasetFormat.JSON);
        assertThat(profile.columns())
                .containsExactly(
                        new Column("id", "integer"),
                        new Column("v", "float"),
                        new Column("d", "date"),
                        new Column("ok", "boolean"),
                        new Column("s", "string"),
                        new Column("extra", "string"));
        assertThat(profile.recordCount()).isEqualTo(2);
        // 12 cells (2 rows × 6 columns): d null in row 2, extra missing in row 1
        assertThat(profile.completeness()).isEqualTo(83.33);
    }

    @Test
    void readsJsonLinesAndRecognisesThemBehindAJsonExtension() throws IOException {
        String lines = "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n\n{\"b\":\"y\"}\n";
        TableProfile profile = analyze(lines, GENEROUS, DatasetFormat.JSON);
        assertThat(profile.format()).isEqualTo(DatasetFormat.JSONL);
        assertThat(profile.recordCount()).isEqualTo(3);
        assertThat(profile.columns()).extracting(Column::name).containsExactly("a", "b");
        assertThat(profile.completeness()).isEqualTo(66.67);
    }

    @Test
    void estimatesLargeFilesFromAPrefix() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            lines.append("{\"id\":").append(i % 10).append(",\"name\":\"abcdef\"}\n");
        }
        TableProfile profile = analyze(lines.toString(), new AnalysisLimits(1000, 200_000, 1000), DatasetFormat.JSONL);
        assertThat(profile.recordCountExact()).isFalse();
        assertThat(profile.recordCount()).isBetween(26_000L, 34_000L);
    }

    @Test
    void anArrayOfScalarsIsOneValueColumn() throws IOException {
        TableProfile profile = analyze("[1, 2, null]", GENEROUS, DatasetFormat.JSON);
        assertThat(profile.columns()).containsExactly(new Column("value", "integer"));
        assertThat(profile.recordCount()).isEqualTo(3);
    }

    @Test
    void nestedValuesAreSkippedNotLoadedAndEmptyContainersAreEmpty() throws IOException {
        TableProfile profile = analyze("""
                {"a": {"deep": [1, {"x": [2, 3]}], "more": {}}, "b": [], "c": {}, "d": "2024-01-01T10:00:00Z"}
                {"a": null, "b": [[]], "c": "", "d": "2024-01-02"}
                """, GENEROUS, DatasetFormat.JSONL);
        assertThat(profile.columns())
                .containsExactly(
                        new Column("a", "string"),
                        new Column("b", "string"),
                        new Column("c", "string"),
                        new Column("d", "timestamp"));
        assertThat(profile.recordCount()).isEqualTo(2);
        assertThat(profile.completeness()).isEqualTo(50.0); // a, d in row 1; b, d in row 2
    }

    @Test
    void oneRootObjectWrappingEverythingIsOneRecordReadInStreaming() throws IOException {
        StringBuilder json = new StringBuilder("{\"meta\": 1, \"data\": [");
        for (int i = 0; i < 200_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
        }
        json.append("]}");
        TableProfile profile = analyze(json.toString(), GENEROUS, DatasetFormat.JSON);
        assertThat(profile.recordCount()).isEqualTo(1);
        assertThat(profile.columns()).extracting(Column::name).containsExactly("meta", "data");
    }

    @Test
    void brokenJsonIsMalformed() {
        assertThatThrownBy(() -> analyze("[{\"a\": 1}, {\"a\": ", GENEROUS, DatasetFormat.JSON))
                .isInstanceOf(MalformedDataException.class);
    }
}
