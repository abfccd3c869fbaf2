package io.headroom.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<List<String>> parse(String text, char delimiter) throws IOException {
        CsvReader parser = CsvReader.lenient(new StringReader(text), delimiter);
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
        assertThat(records)
                .containsExactly(
                        List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "line1\nline2"), List.of("1", "", "3"));
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
        CsvReader parser = CsvReader.lenient(new StringReader(text), ',');
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
            CsvReader skipping = CsvReader.lenient(new StringReader(text.toString()), ',');
            int skipped = 0;
            while (skipping.skip()) {
                skipped++;
            }
            CsvReader reading = CsvReader.lenient(new StringReader(text.toString()), ',');
            int read = 0;
            while (reading.next() != null) {
                read++;
            }
            String shown = text.toString().replace("\n", "\\n").replace("\r", "\\r");
            assertThat(skipped).as("records of %s", shown).isEqualTo(read);
            assertThat(skipping.line()).as("lines of %s", shown).isEqualTo(reading.line());
        }
    }

    @Test
    void skipWorksAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(",\"quoted,\r\nfield ").append(i).append("\"\r\n");
        }
        CsvReader parser = CsvReader.lenient(new StringReader(text.toString()), ',');
        int skipped = 0;
        while (parser.skip()) {
            skipped++;
        }
        assertThat(skipped).isEqualTo(5_000);
    }

    @Test
    void isLenientWithStrayQuotes() throws IOException {
        assertThat(parse("a\"b,\"c\"d,\"unterminated", ',')).containsExactly(List.of("a\"b", "cd", "unterminated"));
    }

    @Test
    void countsLinesForMessagesIncludingBreaksInsideQuotesAndBlankLines() throws IOException {
        CsvReader reader = CsvReader.strict(new StringReader("h1,h2\r\n\n\"two\nlines\",x\r3,4\r\n"), ',');
        assertThat(reader.line()).isEqualTo(1);
        reader.next();
        assertThat(reader.line()).as("after the header's CRLF").isEqualTo(2);
        assertThat(reader.next()).containsExactly("two\nlines", "x");
        assertThat(reader.line())
                .as("a blank line, a break in quotes, a lone CR")
                .isEqualTo(5);
        assertThat(reader.next()).containsExactly("3", "4");
        assertThat(reader.line()).isEqualTo(6);
        assertThat(reader.next()).isNull();
    }

    @Test
    void strictReaderRejectsAnUnterminatedQuoteWhereTheLenientOneEndsTheField() throws IOException {
        String text = "a,b\n1,\"never closed\n2,3\n";
        assertThatThrownBy(() -> {
                    CsvReader strict = CsvReader.strict(new StringReader(text), ',');
                    while (strict.next() != null) {
                        // read to the end
                    }
                })
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("unterminated quoted field before end of file");
        assertThatThrownBy(() -> {
                    CsvReader strict = CsvReader.strict(new StringReader(text), ',');
                    while (strict.skip()) {
                        // count to the end
                    }
                })
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("unterminated quoted field before end of file");
        assertThat(parse(text, ',')).containsExactly(List.of("a", "b"), List.of("1", "never closed\n2,3\n"));
    }

    @Test
    void aFieldOverTheGuardIsAnErrorNotAnOutOfMemory() {
        String huge = "\"" + "x".repeat(CsvReader.MAX_FIELD_CHARS + 1);
        assertThatThrownBy(() -> parse(huge, ','))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("longer than");
    }
}
