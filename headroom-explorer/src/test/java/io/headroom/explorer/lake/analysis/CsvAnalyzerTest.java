package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CsvAnalyzerTest {
    private static final AnalysisLimits GENEROUS = AnalysisLimits.withExactCountLimit(1L << 30);

    private static TableProfile analyze(String text, AnalysisLimits limits, DatasetFormat format) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CsvAnalyzer(limits).analyze(new ByteArrayInputStream(bytes), bytes.length, false, format);
    }

    @Test
    void infersColumnNamesTypesAndWidening() throws IOException {
        String csv = """
                id;price;day;label;flag;mixed
                1;3;2024-01-01;a;true;1
                2;3.5;2024-01-02;b;false;2024-01-01
                3;;2024-01-03;4;true;x
                """;
        TableProfile profile = analyze(csv, GENEROUS, DatasetFormat.CSV);
        assertThat(profile.columns())
                .containsExactly(
                        new Column("id", "integer"),
                        new Column("price", "float"),
                        new Column("day", "date"),
                        new Column("label", "string"),
                        new Column("flag", "boolean"),
                        new Column("mixed", "string"));
        assertThat(profile.recordCount()).isEqualTo(3);
        assertThat(profile.recordCountExact()).isTrue();
        assertThat(profile.columnCount()).isEqualTo(6);
    }

    @Test
    void emptyCellsDoNotChangeTheTypeButLowerCompleteness() throws IOException {
        String csv = "a,b\n1,\n2,\n,\n4,5\n"; // 8 cells, 4 filled
        TableProfile profile = analyze(csv, GENEROUS, DatasetFormat.CSV);
        assertThat(profile.columns()).extracting(Column::type).containsExactly("integer", "integer");
        assertThat(profile.completeness()).isEqualTo(50.0);
    }

    @Test
    void shortRowsCountMissingCellsAsEmpty() throws IOException {
        TableProfile profile = analyze("a,b,c,d\n1,2,3,4\n1\n", GENEROUS, DatasetFormat.CSV);
        assertThat(profile.completeness()).isEqualTo(62.5);
    }

    @Test
    void completenessLooksAtTheFirstThousandRowsOnly() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(",x\n");
        }
        for (int i = 0; i < 500; i++) {
            csv.append(i).append(",\n");
        }
        TableProfile profile = analyze(csv.toString(), GENEROUS, DatasetFormat.CSV);
        assertThat(profile.completeness()).isEqualTo(100.0);
        assertThat(profile.recordCount()).isEqualTo(1500);
    }

    @Test
    void aFirstRowWithNumbersIsDataNotHeader() throws IOException {
        TableProfile profile = analyze("1,2.5,x\n2,3.5,y\n", GENEROUS, DatasetFormat.CSV);
        assertThat(profile.columns()).extracting(Column::name).containsExactly("column_1", "column_2", "column_3");
        assertThat(profile.recordCount()).isEqualTo(2);
    }

    @Test
    void quotedNewlinesAreOneRecord() throws IOException {
        TableProfile profile = analyze("a,b\n1,\"two\nlines\"\n2,\"x, y\"\n", GENEROUS, DatasetFormat.CSV);
        assertThat(profile.recordCount()).isEqualTo(2);
        assertThat(profile.columnCount()).isEqualTo(2);
    }

    @Test
    void countsExactlyUpToTheLimitAndEstimatesAbove() throws IOException {
        StringBuilder csv = new StringBuilder("id,name,value\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i % 10).append(",name").append(i % 10).append(",12.5\n"); // fixed width rows
        }
        int size = csv.length();
        TableProfile exact = analyze(csv.toString(), new AnalysisLimits(size, 1024, 1000), DatasetFormat.CSV);
        assertThat(exact.recordCount()).isEqualTo(20_000);
        assertThat(exact.recordCountExact()).isTrue();

        TableProfile estimated =
                analyze(csv.toString(), new AnalysisLimits(size - 1, 100_000, 1000), DatasetFormat.CSV);
        assertThat(estimated.recordCountExact()).isFalse();
        assertThat(estimated.recordCount()).isBetween(17_000L, 23_000L);
    }

    @Test
    void aFileThatFitsInThePrefixIsCountedExactlyEvenAboveTheLimit() throws IOException {
        TableProfile profile = analyze("a\nb\nc\n", new AnalysisLimits(1, 1 << 20, 1000), DatasetFormat.CSV);
        assertThat(profile.recordCount()).isEqualTo(2); // "a" reads as a header
        assertThat(profile.recordCountExact()).isTrue();
    }

    @Test
    void readsGzippedFilesStreaming() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("x\ty\n1\t2\n3\t4\n".getBytes(StandardCharsets.UTF_8));
        }
        TableProfile profile = new CsvAnalyzer(GENEROUS)
                .analyze(new ByteArrayInputStream(bytes.toByteArray()), bytes.size(), true, DatasetFormat.TSV);
        assertThat(profile.recordCount()).isEqualTo(2);
        assertThat(profile.columns()).extracting(Column::name).containsExactly("x", "y");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        TableProfile profile = analyze("\uFEFFname,n\na,1\n", GENEROUS, DatasetFormat.CSV);
        assertThat(profile.columns().getFirst().name()).isEqualTo("name");
    }

    @Test
    void otherTextBecomesCsvOnlyWhenClearlyATable() throws IOException {
        assertThat(analyze("a|b\n1|2\n3|4\n", GENEROUS, DatasetFormat.OTHER).format())
                .isEqualTo(DatasetFormat.CSV);
        assertThat(analyze("a\tb\n1\t2\n", GENEROUS, DatasetFormat.OTHER).format())
                .isEqualTo(DatasetFormat.TSV);
        TableProfile prose = analyze("Just some notes.\nNothing tabular here\n", GENEROUS, DatasetFormat.OTHER);
        assertThat(prose.format()).isEqualTo(DatasetFormat.OTHER);
        assertThat(prose.recordCount()).isNull();
    }

    @Test
    void anEmptyFileHasZeroRecords() throws IOException {
        TableProfile profile = analyze("", GENEROUS, DatasetFormat.CSV);
        assertThat(profile.recordCount()).isZero();
        assertThat(profile.completeness()).isNull();
    }

    @Test
    void binaryContentInACsvIsMalformed() {
        assertThatThrownBy(() -> analyze("PAR1\0\0\0", GENEROUS, DatasetFormat.CSV))
                .isInstanceOf(MalformedDataException.class);
    }
}
