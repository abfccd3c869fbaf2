package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RenderedWriterTest {

    @Test
    void ifNoneMatchComparesWeaklyAndIgnoresTheCodingSuffix() {
        assertThat(RenderedWriter.etagMatches("\"abc\"", "abc")).isTrue();
        assertThat(RenderedWriter.etagMatches("W/\"abc-gz\"", "abc")).isTrue();
        assertThat(RenderedWriter.etagMatches("\"x\", \"abc-br\"", "abc")).isTrue();
        assertThat(RenderedWriter.etagMatches("*", "abc")).isTrue();
        assertThat(RenderedWriter.etagMatches("\"abd\"", "abc")).isFalse();
        assertThat(RenderedWriter.etagMatches("\"abc-xx\"", "abc")).isFalse();
    }

    @Test
    void theCacheKeyIsThePathAndTheQuerySortedByName() {
        MockHttpServletRequest req = new MockHttpServletRequest("GET", "/api/items");
        req.setQueryString("b=2&a=1&b=1&&c");
        assertThat(ResponseCacheInterceptor.key(req)).isEqualTo("/api/items?a=1&b=2&b=1&c");
        req.setQueryString(null);
        assertThat(ResponseCacheInterceptor.key(req)).isEqualTo("/api/items");
    }
}
