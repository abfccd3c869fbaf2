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
}
