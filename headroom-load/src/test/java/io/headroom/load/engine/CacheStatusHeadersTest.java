package io.headroom.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CDN headers {@link ResponseParser} reads for the hit ratio, as Cloudflare, Fastly and nginx send them. */
class CacheStatusHeadersTest {

    private static byte statusOf(String headers) {
        ResponseParser parser = new ResponseParser();
        byte[] seen = new byte[1];
        parser.listener(new ResponseParser.Listener() {
            @Override
            public void head(int status) {
                seen[0] = parser.cacheStatus();
            }

            @Override
            public void content(ByteBuf buf, int length) {}

            @Override
            public void complete(boolean keepAlive) {}
        });
        EmbeddedChannel channel = new EmbeddedChannel(parser);
        channel.writeInbound(Unpooled.copiedBuffer(
                "HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
        return seen[0];
    }

    @Test
    void cloudflareStatuses() {
        assertThat(statusOf("CF-Cache-Status: HIT\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("cf-cache-status: REVALIDATED\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("CF-Cache-Status: STALE\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("CF-Cache-Status: MISS\r\n")).isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("CF-Cache-Status: EXPIRED\r\n")).isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("CF-Cache-Status: DYNAMIC\r\nAge: 30\r\n"))
                .as("the status header wins over Age")
                .isEqualTo(CacheStatus.MISS);
    }

    @Test
    void fastlyTiersAndNginx() {
        assertThat(statusOf("X-Cache: MISS, HIT\r\n"))
                .as("edge hit after a shield miss")
                .isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("X-Cache: MISS, MISS\r\n")).isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("X-Cache-Status: UPDATING\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("X-Cache-Status: BYPASS\r\n")).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void theCacheNearestTheClientWinsOverTheServicesOwnXCache() {
        assertThat(statusOf("X-Cache: HIT\r\nCF-Cache-Status: MISS\r\n")).isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("CF-Cache-Status: HIT\r\nX-Cache: MISS\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("X-Cache: HIT\r\nX-Cache-Status: MISS\r\n"))
                .as("nginx in front of the service")
                .isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("Age: 40\r\nX-Cache: MISS\r\n")).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void ageAloneAndNothing() {
        assertThat(statusOf("Age: 12\r\n")).isEqualTo(CacheStatus.HIT);
        assertThat(statusOf("Age: 0\r\n")).isEqualTo(CacheStatus.MISS);
        assertThat(statusOf("Age: soon\r\n"))
                .as("a bad Age is ignored, not an error")
                .isEqualTo(CacheStatus.UNKNOWN);
        assertThat(statusOf("")).isEqualTo(CacheStatus.UNKNOWN);
    }
}
