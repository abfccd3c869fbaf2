package io.headroom.toolkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    private static ContentCoding pick(String header) {
        return AcceptEncoding.negotiate(Optional.ofNullable(header), true);
    }

    @Test
    void prefersBrotliOnATie() {
        assertThat(pick("gzip, deflate, br")).isEqualTo(ContentCoding.BROTLI);
    }

    @Test
    void followsQValues() {
        assertThat(pick("br;q=0.2, gzip;q=0.8")).isEqualTo(ContentCoding.GZIP);
        assertThat(pick("br;q=0, gzip")).isEqualTo(ContentCoding.GZIP);
        assertThat(pick("gzip;q=0.5, identity;q=1")).isEqualTo(ContentCoding.IDENTITY);
    }

    @Test
    void starCoversUnnamedCodings() {
        assertThat(pick("*")).isEqualTo(ContentCoding.BROTLI);
        assertThat(pick("br;q=0, *;q=0.5")).isEqualTo(ContentCoding.GZIP);
    }

    @Test
    void fallsBackToIdentity() {
        assertThat(pick(null)).isEqualTo(ContentCoding.IDENTITY);
        assertThat(pick("deflate")).isEqualTo(ContentCoding.IDENTITY);
        assertThat(pick("br;q=abc, gzip;q=7")).isEqualTo(ContentCoding.IDENTITY);
    }

    @Test
    void skipsBrotliWhenUnavailable() {
        assertThat(AcceptEncoding.negotiate(Optional.of("br, gzip"), false)).isEqualTo(ContentCoding.GZIP);
    }

    @Test
    void readsTheHeaderInPlaceAsTheSplittingParserDid() {
        assertThat(pick("GZIP;Q=0.5, BR;q=0.4")).isEqualTo(ContentCoding.GZIP); // case-insensitive tokens and q
        assertThat(pick(" br ; q=1.000 ,gzip")).isEqualTo(ContentCoding.BROTLI); // spaces, three decimals
        assertThat(pick("br;q=0.001, identity;q=0")).isEqualTo(ContentCoding.BROTLI);
        assertThat(pick("x-gzip")).isEqualTo(ContentCoding.GZIP);
        assertThat(pick("gzip;q=0.2, gzip;q=0")).isEqualTo(ContentCoding.IDENTITY); // the later element wins
        assertThat(pick("br;q=.9, gzip;q=0.8")).isEqualTo(ContentCoding.BROTLI); // outside the grammar: parseDouble
        assertThat(pick("br;q=1.0001, gzip")).isEqualTo(ContentCoding.GZIP); // above 1: that element is ignored
        assertThat(pick("br;q = 0, gzip;q=0.1")).isEqualTo(ContentCoding.BROTLI); // "q =" is no q: weight 1
        assertThat(pick("gzip,,")).isEqualTo(ContentCoding.GZIP);
        assertThat(pick("  ")).isEqualTo(ContentCoding.IDENTITY);
        assertThat(pick("identity;q=0, *;q=0")).isEqualTo(ContentCoding.IDENTITY); // nothing acceptable: identity
    }
}
