package io.headroom.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code Server-Timing} figures {@link ResponseParser} keeps per response: app and db, in microseconds. */
class ServerTimingHeaderTest {

    /** A parser that writes each response's {app, db} microseconds into {@code seen} when its head is read. */
    private static EmbeddedChannel reporting(int[] seen) {
        ResponseParser parser = new ResponseParser();
        parser.listener(new ResponseParser.Listener() {
            @Override
            public void head(int status) {
                seen[0] = parser.serverAppMicros();
                seen[1] = parser.serverDbMicros();
            }

            @Override
            public void content(ByteBuf buf, int length) {}

            @Override
            public void complete(boolean keepAlive) {}
        });
        return new EmbeddedChannel(parser);
    }

    /** {app, db} microseconds of a response with these header lines. */
    private static int[] timingOf(String headers) {
        int[] seen = {-2, -2};
        EmbeddedChannel channel = reporting(seen);
        channel.writeInbound(Unpooled.copiedBuffer(
                "HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
        return seen;
    }

    @Test
    void readsTheHeadroomServicesHeader() {
        assertThat(timingOf("Server-Timing: db;dur=4.21, app;dur=1.07, cache;desc=hit\r\n"))
                .containsExactly(1070, 4210);
        assertThat(timingOf("server-timing: db;dur=0.00, app;dur=12\r\n")).containsExactly(12_000, 0);
    }

    @Test
    void readsOtherServersSpellingsAndKeepsMicrosecondsOnly() {
        // spaces, other parameters first, another metric named like ours, more than three decimals, two headers
        assertThat(timingOf(
                        "Server-Timing: dbx;dur=9, DB ; desc=\"sql\" ; dur=2.5\r\nServer-Timing: app;dur=0.12345\r\n"))
                .containsExactly(123, 2500);
    }

    @Test
    void absentOrMalformedFiguresAreMinusOne() {
        assertThat(timingOf("")).containsExactly(-1, -1);
        assertThat(timingOf("Server-Timing: cache;desc=miss\r\n")).containsExactly(-1, -1);
        assertThat(timingOf("Server-Timing: app;dur=, db;dur=abc\r\n")).containsExactly(-1, -1);
        assertThat(timingOf("Server-Timing: app;dur=99999999999\r\n")).containsExactly(-1, -1);
        assertThat(timingOf("Server-Timing: app\r\n")).containsExactly(-1, -1);
    }

    @Test
    void eachResponseStartsWithoutTheFiguresOfTheLastOne() {
        int[] seen = new int[2];
        EmbeddedChannel channel = reporting(seen);
        channel.writeInbound(Unpooled.copiedBuffer(
                "HTTP/1.1 200 OK\r\nServer-Timing: app;dur=1, db;dur=2\r\nContent-Length: 0\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly(1000, 2000);
        channel.writeInbound(
                Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly(-1, -1);
    }
}
