package io.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * HTTP/1.1 response framing for the load engine, without message objects: it reads the status code and
 * the three headers that decide framing and reuse ({@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection}), skips every other header without making a String of it, hands body bytes to the
 * {@link Listener} (which keeps them only when a check needs the body) and says when a response is
 * complete. Netty's {@code HttpResponseDecoder} built a response object, validated headers, a String per
 * header name and value and two messages per response: a third of the engine's own CPU per request.
 *
 * <p>Framing (RFC 9112 §6.3): a response to HEAD, a 204 or a 304 has no body; 1xx interim responses are
 * skipped; {@code chunked} (as the last transfer coding) wins over {@code Content-Length}; with neither,
 * the body runs to the end of the connection. Also counts the bytes read (JMeter's bytes, headers
 * included) and stamps when each read arrived. Event-loop confined.
 */
final class ResponseParser extends ByteToMessageDecoder {

    /** Largest status line plus headers accepted (Netty's defaults were 4 KiB + 8 KiB). */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** What the connection learns from the wire. */
    interface Listener {
        /** The status line and headers of a final (non-1xx) response were read. */
        void head(int status);

        /** {@code length} body bytes from {@code buf}'s reader index (the parser skips them afterwards). */
        void content(ByteBuf buf, int length);

        /** The response is complete; {@code keepAlive} says whether the connection may carry the next. */
        void complete(boolean keepAlive);
    }

    private enum State {
        STATUS_LINE,
        HEADERS,
        FIXED,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        BROKEN
    }

    private Listener listener;
    /** Bytes read on this connection so far. */
    long received;
    /**
     * {@link System#nanoTime()} when the bytes being parsed were read: a response parsed from a read began
     * (first byte) and, when complete, ended when that read arrived. One clock read per socket read, and
     * closer to the wire than timing each parsed part.
     */
    long readNanos;
    /** The request in flight is a HEAD: its final response has no body. */
    boolean head;

    private State state = State.STATUS_LINE;
    private int status;
    private boolean http10;
    private long contentLength;
    private boolean chunked;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private byte cacheStatus;
    /** Rank of the header {@link #cacheStatus} came from: the cache nearest the client speaks last and wins. */
    private int cacheStatusRank;
    /** The service's {@code Server-Timing} {@code app} and {@code db} durations in microseconds; -1 when not sent. */
    private int serverAppMicros;

    private int serverDbMicros;

    private long remaining;
    private int headBytes;

    void listener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b) {
            received += b.readableBytes();
            readNanos = System.nanoTime();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case STATUS_LINE, HEADERS, TRAILERS -> {
                    int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    if (eol < 0) {
                        limitHead(in.readableBytes());
                        return;
                    }
                    int start = in.readerIndex();
                    limitHead(eol - start + 1);
                    headBytes += eol - start + 1;
                    int end = eol > start && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
                    in.readerIndex(eol + 1); // consumed before the listener hears of it
                    line(in, start, end);
                }
                case FIXED, CHUNK_DATA, UNTIL_CLOSE -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    if (n == 0) {
                        return;
                    }
                    listener.content(in, n);
                    in.skipBytes(n);
                    if (state != State.UNTIL_CLOSE) {
                        remaining -= n;
                        if (remaining == 0) {
                            if (state == State.FIXED) {
                                finish();
                            } else {
                                state = State.CHUNK_END;
                            }
                        }
                    }
                }
                case CHUNK_SIZE, CHUNK_END -> {
                    int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    if (eol < 0) {
                        if (in.readableBytes() > 1024) {
                            throw broken("chunk size line longer than 1024 bytes");
                        }
                        return;
                    }
                    int start = in.readerIndex();
                    int end = eol > start && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
                    in.readerIndex(eol + 1);
                    if (state == State.CHUNK_END) {
                        if (end != start) {
                            throw broken("no line end after a chunk");
                        }
                        state = State.CHUNK_SIZE;
                    } else {
                        long size = chunkSize(in, start, end);
                        if (size == 0) {
                            state = State.TRAILERS;
                        } else {
                            remaining = size;
                            state = State.CHUNK_DATA;
                        }
                    }
                }
                case BROKEN -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /** One line of the head (or of the trailers), without its line end. */
    private void line(ByteBuf in, int start, int end) {
        if (state == State.STATUS_LINE) {
            if (end == start) {
                return; // tolerate blank lines before a response (RFC 9112 §2.2)
            }
            statusLine(in, start, end);
            state = State.HEADERS;
        } else if (end == start) {
            if (state == State.TRAILERS) {
                finish();
            } else {
                endOfHeaders();
            }
        } else if (state == State.HEADERS) {
            header(in, start, end);
        }
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}. */
    private void statusLine(ByteBuf in, int start, int end) {
        if (end - start < 12 || !matches(in, start, "HTTP/1.") || in.getByte(start + 8) != ' ') {
            throw broken("not an HTTP/1.x status line");
        }
        byte minor = in.getByte(start + 7);
        int code = 0;
        for (int i = start + 9; i < start + 12; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                throw broken("bad status code");
            }
            code = code * 10 + b - '0';
        }
        if (end > start + 12 && in.getByte(start + 12) != ' ') {
            throw broken("bad status code");
        }
        status = code;
        http10 = minor == '0';
        contentLength = -1;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
        cacheStatus = CacheStatus.UNKNOWN;
        cacheStatusRank = 0;
        serverAppMicros = -1;
        serverDbMicros = -1;
    }

    /** What the last response's cache headers said ({@link CacheStatus}); valid from {@code head()} on. */
    byte cacheStatus() {
        return cacheStatus;
    }

    /** The last response's {@code Server-Timing: app;dur=} in microseconds, -1 when absent; valid from {@code head()} on. */
    int serverAppMicros() {
        return serverAppMicros;
    }

    /** The last response's {@code Server-Timing: db;dur=} in microseconds, -1 when absent. */
    int serverDbMicros() {
        return serverDbMicros;
    }

    private void header(ByteBuf in, int start, int end) {
        int colon = in.indexOf(start, end, (byte) ':');
        if (colon <= start) {
            throw broken("header line without a name");
        }
        int nameLength = colon - start;
        int valueStart = colon + 1;
        while (valueStart < end && isSpace(in.getByte(valueStart))) {
            valueStart++;
        }
        int valueEnd = end;
        while (valueEnd > valueStart && isSpace(in.getByte(valueEnd - 1))) {
            valueEnd--;
        }
        if (nameLength == 14 && matchesIgnoreCase(in, start, "content-length")) {
            long length = digits(in, valueStart, valueEnd);
            if (contentLength >= 0 && contentLength != length) {
                throw broken("conflicting Content-Length headers");
            }
            contentLength = length;
        } else if (nameLength == 17 && matchesIgnoreCase(in, start, "transfer-encoding")) {
            // chunked counts when it is the last coding: "gzip, chunked"
            chunked = valueEnd - valueStart >= 7 && matchesIgnoreCase(in, valueEnd - 7, "chunked");
        } else if (nameLength == 10 && matchesIgnoreCase(in, start, "connection")) {
            connectionClose |= containsIgnoreCase(in, valueStart, valueEnd, "close");
            connectionKeepAlive |= containsIgnoreCase(in, valueStart, valueEnd, "keep-alive");
        } else if (nameLength == 15 && matchesIgnoreCase(in, start, "cf-cache-status")) {
            cacheStatus(in, valueStart, valueEnd, 4); // Cloudflare, the edge nearest the client
        } else if (nameLength == 14 && matchesIgnoreCase(in, start, "x-cache-status")) {
            cacheStatus(in, valueStart, valueEnd, 3); // nginx (deploy/nginx), in front of the service
        } else if (nameLength == 7 && matchesIgnoreCase(in, start, "x-cache")) {
            // Fastly/Varnish/CloudFront ("MISS, HIT": shield, edge) or the service's own response cache,
            // which a CDN that sets its own header outranks.
            cacheStatus(in, valueStart, valueEnd, 2);
        } else if (nameLength == 3 && matchesIgnoreCase(in, start, "age") && cacheStatusRank <= 1) {
            // Without a status header, an Age above 0 means a cache answered (RFC 9111 §5.1).
            cacheStatus = positiveNumber(in, valueStart, valueEnd);
            cacheStatusRank = 1;
        } else if (nameLength == 13 && matchesIgnoreCase(in, start, "server-timing")) {
            serverTiming(in, valueStart, valueEnd);
        }
    }

    /**
     * {@code db;dur=12.5, app;dur=3.1, cache;desc=hit} (W3C Server Timing; several headers may each carry
     * some metrics): the {@code dur} of {@code app} and {@code db}, read in place, no String made.
     */
    private void serverTiming(ByteBuf in, int valueStart, int valueEnd) {
        int metric = valueStart;
        while (metric < valueEnd) {
            int comma = in.indexOf(metric, valueEnd, (byte) ',');
            int metricEnd = comma < 0 ? valueEnd : comma;
            while (metric < metricEnd && isSpace(in.getByte(metric))) {
                metric++;
            }
            int semicolon = in.indexOf(metric, metricEnd, (byte) ';');
            int nameEnd = semicolon < 0 ? metricEnd : semicolon;
            while (nameEnd > metric && isSpace(in.getByte(nameEnd - 1))) {
                nameEnd--;
            }
            int nameLength = nameEnd - metric;
            boolean app = nameLength == 3 && matchesIgnoreCase(in, metric, "app");
            boolean db = nameLength == 2 && matchesIgnoreCase(in, metric, "db");
            if ((app || db) && semicolon >= 0) {
                int micros = durationMicros(in, semicolon, metricEnd);
                if (app) {
                    serverAppMicros = micros;
                } else {
                    serverDbMicros = micros;
                }
            }
            metric = metricEnd + 1;
        }
    }

    /** The {@code dur=} parameter among {@code [from, to)} in microseconds (milliseconds with a fraction), -1 if none or malformed. */
    private static int durationMicros(ByteBuf in, int from, int to) {
        for (int i = from; i + 4 <= to; i++) {
            if (!matchesIgnoreCase(in, i, "dur=")) {
                continue;
            }
            long micros = 0;
            int scale = -1; // fraction digits seen, -1 before the point
            int j = i + 4;
            for (; j < to; j++) {
                byte b = in.getByte(j);
                if (b == '.' && scale < 0) {
                    scale = 0;
                } else if (b >= '0' && b <= '9') {
                    if (scale < 0) {
                        micros = micros * 10 + (b - '0');
                    } else if (scale < 3) {
                        micros = micros * 10 + (b - '0');
                        scale++;
                    }
                } else {
                    break;
                }
                if (micros > Integer.MAX_VALUE) {
                    return -1;
                }
            }
            if (j == i + 4) {
                return -1;
            }
            for (int s = Math.max(scale, 0); s < 3; s++) {
                micros *= 10;
            }
            return micros > Integer.MAX_VALUE ? -1 : (int) micros;
        }
        return -1;
    }

    private void endOfHeaders() {
        headBytes = 0;
        if (status >= 100 && status < 200) {
            state = State.STATUS_LINE; // interim (100 Continue, 103 Early Hints): the real response follows
            return;
        }
        listener.head(status);
        if (head || status == 204 || status == 304) {
            finish();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = State.FIXED;
            if (remaining == 0) {
                finish();
            }
        } else {
            remaining = Long.MAX_VALUE;
            state = State.UNTIL_CLOSE; // no framing: the body ends when the server closes
        }
    }

    private void finish() {
        boolean keepAlive = state != State.UNTIL_CLOSE && !connectionClose && (!http10 || connectionKeepAlive);
        state = State.STATUS_LINE;
        headBytes = 0;
        listener.complete(keepAlive);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (state == State.UNTIL_CLOSE) {
            finish(); // the close is the end of a body without framing
        }
    }

    private void limitHead(int more) {
        if (headBytes + more > MAX_HEAD_BYTES) {
            throw broken("response head larger than " + MAX_HEAD_BYTES + " bytes");
        }
    }

    private DecoderException broken(String why) {
        state = State.BROKEN;
        return new DecoderException("malformed HTTP response: " + why);
    }

    private long chunkSize(ByteBuf in, int start, int end) {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int d = Character.digit(in.getByte(i), 16);
            if (d < 0) {
                break;
            }
            if (size > (Long.MAX_VALUE >> 4)) {
                throw broken("chunk size too large");
            }
            size = size << 4 | d;
        }
        if (i == start || (i < end && in.getByte(i) != ';' && !isSpace(in.getByte(i)))) {
            throw broken("bad chunk size");
        }
        return size;
    }

    private long digits(ByteBuf in, int start, int end) {
        if (start == end || end - start > 18) {
            throw broken("bad Content-Length");
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                throw broken("bad Content-Length");
            }
            v = v * 10 + b - '0';
        }
        return v;
    }

    /** A cache-status header of {@code rank}: it counts unless a higher-ranked one already spoke. */
    private void cacheStatus(ByteBuf in, int valueStart, int valueEnd, int rank) {
        if (rank < cacheStatusRank) {
            return;
        }
        // Served by a cache: HIT, STALE, UPDATING, REVALIDATED (the origin only confirmed it).
        boolean hit = containsIgnoreCase(in, valueStart, valueEnd, "hit")
                || containsIgnoreCase(in, valueStart, valueEnd, "stale")
                || containsIgnoreCase(in, valueStart, valueEnd, "updating")
                || containsIgnoreCase(in, valueStart, valueEnd, "revalidated");
        cacheStatus = hit ? CacheStatus.HIT : CacheStatus.MISS;
        cacheStatusRank = rank;
    }

    /** An Age value: HIT above 0, MISS at 0, UNKNOWN when it is not a number (a bad Age breaks nothing). */
    private static byte positiveNumber(ByteBuf in, int start, int end) {
        if (start == end) {
            return CacheStatus.UNKNOWN;
        }
        boolean positive = false;
        for (int i = start; i < end; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                return CacheStatus.UNKNOWN;
            }
            positive |= b != '0';
        }
        return positive ? CacheStatus.HIT : CacheStatus.MISS;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean matches(ByteBuf in, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (in.getByte(at + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code lowerAscii} must be lower case. */
    private static boolean matchesIgnoreCase(ByteBuf in, int at, String lowerAscii) {
        for (int i = 0; i < lowerAscii.length(); i++) {
            int b = in.getByte(at + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIgnoreCase(ByteBuf in, int start, int end, String lowerAscii) {
        for (int i = start; i + lowerAscii.length() <= end; i++) {
            if (matchesIgnoreCase(in, i, lowerAscii)) {
                return true;
            }
        }
        return false;
    }
}
