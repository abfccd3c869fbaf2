package io.headroom.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Framing of responses by {@link ResponseParser}, each case fed whole, one byte at a time, and split
 * in two at every offset: what a response is must not depend on how TCP cut it.
 */
class ResponseParserTest {

    /** What the listener heard: "head STATUS", "body TEXT" (body bytes joined per response), "end keep|close". */
    private static final class Heard implements ResponseParser.Listener {
        final List<String> events = new ArrayList<>();
        private StringBuilder body;

        @Override
        public void head(int status) {
            events.add("head " + status);
            body = new StringBuilder();
        }

        @Override
        public void content(ByteBuf buf, int length) {
            body.append(buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8));
        }

        @Override
        public void complete(boolean keepAlive) {
            if (!body.isEmpty()) {
                events.add("body " + body);
            }
            events.add("end " + (keepAlive ? "keep" : "close"));
        }
    }

    private static List<String> parse(String wire, boolean head, boolean closeAtEnd, List<Integer> cuts) {
        ResponseParser parser = new ResponseParser();
        parser.head = head;
        Heard heard = new Heard();
        parser.listener(heard);
        EmbeddedChannel channel = new EmbeddedChannel(parser);
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int cut : cuts) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, cut - from));
            from = cut;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
        if (closeAtEnd) {
            channel.finish();
        }
        assertThat(parser.received).isEqualTo(bytes.length);
        return heard.events;
    }

    /** Same events whole, byte by byte, and split at every offset. */
    private static List<String> parseEveryWay(String wire, boolean head, boolean closeAtEnd) {
        List<String> whole = parse(wire, head, closeAtEnd, List.of());
        int n = wire.getBytes(StandardCharsets.UTF_8).length;
        List<Integer> everyByte = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            everyByte.add(i);
            assertThat(parse(wire, head, closeAtEnd, List.of(i)))
                    .as("split at %d", i)
                    .isEqualTo(whole);
        }
        assertThat(parse(wire, head, closeAtEnd, everyByte)).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    @Test
    void contentLengthBodiesOnAKeepAliveConnection() {
        assertThat(parseEveryWay(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-LENGTH: 5\r\n\r\nhello"
                                + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                                + "HTTP/1.1 201 \r\nContent-Length:  3 \r\n\r\nabc",
                        false,
                        false))
                .containsExactly(
                        "head 200",
                        "body hello",
                        "end keep",
                        "head 404",
                        "end keep",
                        "head 201",
                        "body abc",
                        "end keep");
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersWinOverContentLength() {
        assertThat(parseEveryWay(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nContent-Length: 99\r\n\r\n"
                                + "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n"
                                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        false,
                        false))
                .containsExactly(
                        "head 200", "body Wikipedia in\r\n\r\nchunks.", "end keep", "head 200", "body ok", "end keep");
    }

    @Test
    void headAndNoContentAndNotModifiedHaveNoBodyWhateverTheHeadersSay() {
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true, false))
                .containsExactly("head 200", "end keep");
        assertThat(parseEveryWay(
                        "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"
                                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
                        false,
                        false))
                .containsExactly("head 204", "end keep", "head 304", "end keep", "head 200", "body x", "end keep");
    }

    @Test
    void interimResponsesAreSkipped() {
        assertThat(parseEveryWay(
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        false,
                        false))
                .containsExactly("head 200", "body ok", "end keep");
    }

    @Test
    void connectionReuseFollowsTheVersionAndTheConnectionHeader() {
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 200", "end close");
        assertThat(parseEveryWay("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 200", "end close");
        assertThat(parseEveryWay(
                        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 200", "end keep");
        // LF alone as a line end is accepted too
        assertThat(parseEveryWay("HTTP/1.1 200 OK\nContent-Length: 1\n\nz", false, false))
                .containsExactly("head 200", "body z", "end keep");
    }

    @Test
    void withoutFramingTheBodyRunsToTheCloseOfTheConnection() {
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it", false, true))
                .containsExactly("head 200", "body all of it", "end close");
        // not complete before the close
        assertThat(parse("HTTP/1.1 200 OK\r\n\r\npartial", false, false, List.of()))
                .containsExactly("head 200");
    }

    @Test
    void malformedResponsesAreErrors() {
        for (String bad : List.of(
                "SSH-2.0-OpenSSH\r\n\r\n",
                "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseParser.MAX_HEAD_BYTES) + "\r\n\r\n")) {
            assertThatThrownBy(() -> parse(bad, false, false, List.of()))
                    .as(bad.substring(0, Math.min(20, bad.length())))
                    .isInstanceOf(DecoderException.class)
                    .hasMessageContaining("malformed HTTP response");
        }
    }
}
