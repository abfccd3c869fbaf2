package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
    void isLenientWithStrayQuotes() throws IOException {
        assertThat(parse("a\"b,\"c\"d,\"unterminated", ','))
                .containsExactly(List.of("a\"b", "cd", "unterminated"));
    }
}
