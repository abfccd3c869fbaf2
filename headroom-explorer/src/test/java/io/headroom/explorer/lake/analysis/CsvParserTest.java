package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<List<String>> parse(String text, char delimiter) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(text), delimiter);
        List<List<String>> records = new ArrayList<>();
        List<String> record;
        while ((record = parser.next()) != null) {
            records.add(record);
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithEscapedQuotesDelimitersAndNewlines() throws IOException {
        List<List<String>> records = parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n1,,3", ',');
        assertThat(records).containsExactly(
                List.of("a", "b", "c"),
                List.of("x, y", "say \"hi\"", "line1\nline2"),
                List.of("1", "", "3"));
    }

    @Test
    void skipsBlankLinesAndKeepsTrailingEmptyFields() throws IOException {
        assertThat(parse("a;b\n\n\n1;\n", ';')).containsExactly(List.of("a", "b"), List.of("1", ""));
    }

    @Test
    void handlesCarriageReturnOnlyLineEnds() throws IOException {
        assertThat(parse("a|b\r1|2\r", '|')).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void skipCountsTheSameRecordsAsNext() throws IOException {
        String text = "h1,h2\n\"multi\nline\",2\n3,\"4,4\"\n\n5,6";
        CsvParser parser = new CsvParser(new StringReader(text), ',');
        int skipped = 0;
        while (parser.skip()) {
            skipped++;
        }
        assertThat(skipped).isEqualTo(parse(text, ',').size()).isEqualTo(4);
    }

    @Test
    void skipAndNextAgreeOnRecordBoundariesOfRandomText() throws IOException {
        char[] alphabet = {'a', 'b', ',', ';', '"', '"', '\n', '\r', ' '};
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            CsvParser skipping = new CsvParser(new StringReader(text.toString()), ',');
            int skipped = 0;
            while (skipping.skip()) {
                skipped++;
            }
            assertThat(skipped).as("records of %s", text.toString().replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(parse(text.toString(), ',').size());
        }
    }

    @Test
    void skipWorksAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(",\"quoted,\r\nfield ").append(i).append("\"\r\n");
        }
        CsvParser parser = new CsvParser(new StringReader(text.toString()), ',');
        int skipped = 0;
        while (parser.skip()) {
            skipped++;
        }
        assertThat(skipped).isEqualTo(5_000);
    }

    @Test
    void isLenientWithStrayQuotes() throws IOException {
        assertThat(parse("a\"b,\"c\"d,\"unterminated", ','))
                .containsExactly(List.of("a\"b", "cd", "unterminated"));
    }
}
