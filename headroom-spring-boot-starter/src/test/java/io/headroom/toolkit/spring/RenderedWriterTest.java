package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.RenderedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RenderedWriterTest {
    private final RenderedWriter writer = new RenderedWriter(new Compression(5, 6));
    private final RenderedResponse body = RenderedResponse.of(
            "{}".getBytes(StandardCharsets.UTF_8), "application/json", Instant.parse("2024-03-01T12:00:00Z"));

    private MockHttpServletResponse write(String header, String value) throws IOException {
        MockHttpServletRequest req = new MockHttpServletRequest("GET", "/api/items");
        req.addHeader(header, value);
        MockHttpServletResponse res = new MockHttpServletResponse();
        writer.write(req, res, body, CacheControlPolicy.revalidate(), "MISS");
        return res;
    }

    @Test
    void answers304ToAConditionalRequestTheContentMeets() throws IOException {
        String etag = write("Accept", "*/*").getHeader("ETag");
        assertThat(write("If-None-Match", etag).getStatus()).isEqualTo(304);
        assertThat(write("If-None-Match", "\"other\"").getStatus()).isEqualTo(200);
        String lastModified = write("Accept", "*/*").getHeader("Last-Modified");
        assertThat(write("If-Modified-Since", lastModified).getStatus()).isEqualTo(304);
        assertThat(write("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").getStatus())
                .isEqualTo(200);
        assertThat(write("If-Modified-Since", "not a date").getStatus()).isEqualTo(200);
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
