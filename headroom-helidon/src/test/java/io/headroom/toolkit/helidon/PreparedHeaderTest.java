package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import org.junit.jupiter.api.Test;

class PreparedHeaderTest {
    @Test
    void aValueThatCouldSplitAResponseIsRefusedWhenTheHeaderIsMade() {
        assertThatThrownBy(() -> PreparedHeader.of("Content-Security-Policy", "default-src 'none'\r\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreparedHeader.of("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheSameBytesAsHelidonsOwnCachedHeader() {
        Header prepared = PreparedHeader.of(HeaderNames.ETAG, "\"3a7f\"");
        Header helidons = HeaderValues.createCached(HeaderNames.ETAG, "\"3a7f\"");
        assertThat(http1(prepared)).isEqualTo(http1(helidons)).isEqualTo("ETag: \"3a7f\"\r\n");
        assertThat(prepared.headerName()).isEqualTo(HeaderNames.ETAG);
        assertThat(prepared.get()).isEqualTo("\"3a7f\"");
        assertThat(prepared.allValues()).containsExactly("\"3a7f\"");
        assertThat(prepared).isEqualTo(PreparedHeader.of(HeaderNames.ETAG, "\"3a7f\""));
    }

    private static String http1(Header header) {
        BufferData buffer = BufferData.growing(64);
        header.writeHttp1Header(buffer);
        return buffer.readString(buffer.available());
    }
}
