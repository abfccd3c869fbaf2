package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelimiterSnifferTest {

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void findsEachDelimiter(char d) {
        String text = "name" + d + "city" + d + "score\nAnn" + d + "Oslo" + d + "3\nBo" + d + "Rome" + d + "4\n";
        DelimiterSniffer.Sniffed sniffed = DelimiterSniffer.sniff(text, false, ',');
        assertThat(sniffed.delimiter()).isEqualTo(d);
        assertThat(sniffed.fields()).isEqualTo(3);
        assertThat(sniffed.isTable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void quotedOtherDelimitersDoNotConfuseIt(char d) {
        // every data line holds the three other candidates inside quotes, several times
        String noise = "\"a,b;c|d\te,f;g|h\"";
        String text = "id" + d + "note" + d + "n\n"
                + "1" + d + noise + d + "5\n"
                + "2" + d + noise + d + "6\n"
                + "3" + d + "\"multi\nline, with; all|of\tthem\"" + d + "7\n";
        assertThat(DelimiterSniffer.sniff(text, false, ',').delimiter()).isEqualTo(d);
    }

    @Test
    void aCommaInsideQuotesIsNotAColumn() {
        String text = "name;amount\n\"Smith, J.\";3,5\n\"Lee, K.\";4,25\n";
        DelimiterSniffer.Sniffed sniffed = DelimiterSniffer.sniff(text, false, ',');
        assertThat(sniffed.delimiter()).isEqualTo(';');
        assertThat(sniffed.fields()).isEqualTo(2);
    }

    @Test
    void singleColumnTextIsNotATable() {
        DelimiterSniffer.Sniffed sniffed = DelimiterSniffer.sniff("hello world\nanother line\n", false, ',');
        assertThat(sniffed.isTable()).isFalse();
        assertThat(sniffed.delimiter()).isEqualTo(',');
    }

    @Test
    void aTruncatedLastLineDoesNotCount() {
        String text = "a|b|c\n1|2|3\n4|5|6\n7|8"; // cut mid-record by the head limit
        DelimiterSniffer.Sniffed sniffed = DelimiterSniffer.sniff(text, true, ',');
        assertThat(sniffed.delimiter()).isEqualTo('|');
        assertThat(sniffed.consistency()).isEqualTo(1.0);
    }
}
