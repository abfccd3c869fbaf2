package io.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One keep-alive HTTP/1.1 connection owned by one VU: at most one request in flight (no pipelining),
 * so the VU never waits behind another VU's response. All state is touched on the channel's event loop.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements ResponseParser.Listener {

    private static final long TIMEOUT_CHECK_MILLIS = 100;
    /** Response codes as text, built once: the JTL's responseCode without a String per response. */
    private static final String[] STATUS_TEXT = new String[600];

    static {
        for (int i = 0; i < STATUS_TEXT.length; i++) {
            STATUS_TEXT[i] = Integer.toString(i);
        }
    }

    private final Channel channel;
    private final ResponseParser parser;
    private final RequestEncoder encoder;
    private final long connectNanos;
    private boolean firstRequest = true;

    // In-flight request (event-loop confined).
    private Consumer<Outcome> callback;
    private boolean keepBody;
    private ByteBuf body;
    private int status;
    private boolean keepAlive;
    private long sentNanos;
    private long firstByteNanos;
    private long receivedAtStart;
    private long sentAtStart;
    private long deadlineNanos;
    private ScheduledFuture<?> timeoutCheck;

    HttpConnection(Channel channel, ResponseParser parser, RequestEncoder encoder, long connectNanos) {
        this.channel = channel;
        this.parser = parser;
        this.encoder = encoder;
        this.connectNanos = connectNanos;
    }

    /**
     * Opened before the schedule's time zero: no request waited for this connect, so none reports it
     * (JTL Connect 0). Called on the channel's event loop, like everything else here.
     */
    void openedInAdvance() {
        firstRequest = false;
    }

    boolean isUsable() {
        return channel.isActive() && callback == null;
    }

    /**
     * Sends a request: a {@code FullHttpRequest}, or the wire bytes of one already encoded (a {@code ByteBuf}).
     *
     * @param head whether it is a HEAD request (its response has no body)
     */
    void send(Object request, boolean head, boolean keepBody, long timeoutNanos, Consumer<Outcome> callback) {
        if (channel.eventLoop().inEventLoop()) {
            start(request, head, keepBody, timeoutNanos, callback);
        } else {
            channel.eventLoop().execute(() -> start(request, head, keepBody, timeoutNanos, callback));
        }
    }

    private void start(Object request, boolean head, boolean keepBody, long timeoutNanos, Consumer<Outcome> callback) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(request);
            callback.accept(Outcome.failed(
                    "NoHttpResponseException", "connection closed before the request was sent", System.nanoTime(), 0));
            return;
        }
        this.callback = callback;
        this.keepBody = keepBody;
        this.status = 0;
        this.firstByteNanos = 0;
        this.receivedAtStart = parser.received;
        this.sentAtStart = encoder.sent;
        parser.head = head;
        this.sentNanos = System.nanoTime();
        this.deadlineNanos = sentNanos + timeoutNanos;
        if (timeoutCheck == null) {
            // One periodic check per connection instead of a timer per request: scheduling and cancelling
            // a task for every request costs a priority-queue insert and removal on the hot path.
            timeoutCheck = channel.eventLoop()
                    .scheduleAtFixedRate(
                            this::checkTimeout, TIMEOUT_CHECK_MILLIS, TIMEOUT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(f -> timeoutCheck.cancel(false));
        }
        channel.writeAndFlush(request, channel.voidPromise());
    }

    private void checkTimeout() {
        if (callback != null && System.nanoTime() - deadlineNanos > 0) {
            fail(
                    "SocketTimeoutException",
                    "no complete response within " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - sentNanos) + " ms");
        }
    }

    @Override
    public void head(int status) {
        if (callback != null) {
            firstByteNanos = parser.readNanos;
            this.status = status;
        }
    }

    @Override
    public void content(ByteBuf buf, int length) {
        if (callback != null && keepBody) {
            if (body == null) {
                body = channel.alloc().heapBuffer();
            }
            body.writeBytes(buf, buf.readerIndex(), length);
        }
    }

    @Override
    public void complete(boolean keepAlive) {
        if (callback == null) {
            return; // a late response after a timeout: the connection is being closed
        }
        this.keepAlive = keepAlive;
        finishRequest();
    }

    private void finishRequest() {
        long end = parser.readNanos;
        String text = null;
        if (body != null) {
            text = body.toString(StandardCharsets.UTF_8);
            body.release();
            body = null;
        }
        Outcome outcome = new Outcome(
                status,
                statusText(status),
                text,
                parser.received - receivedAtStart,
                encoder.sent - sentAtStart,
                sentNanos,
                firstByteNanos,
                end,
                takeConnectNanos(),
                null,
                parser.cacheStatus(),
                parser.serverAppMicros(),
                parser.serverDbMicros());
        Consumer<Outcome> done = callback;
        callback = null;
        if (!keepAlive) {
            channel.close();
        }
        done.accept(outcome);
    }

    private static String statusText(int status) {
        return status >= 0 && status < STATUS_TEXT.length ? STATUS_TEXT[status] : Integer.toString(status);
    }

    private long takeConnectNanos() {
        long c = firstRequest ? connectNanos : 0;
        firstRequest = false;
        return c;
    }

    private void fail(String code, String message) {
        if (callback == null) {
            return;
        }
        if (body != null) {
            body.release();
            body = null;
        }
        Consumer<Outcome> done = callback;
        callback = null;
        channel.close();
        done.accept(new Outcome(
                0,
                code,
                null,
                parser.received - receivedAtStart,
                encoder.sent - sentAtStart,
                sentNanos,
                firstByteNanos,
                System.nanoTime(),
                takeConnectNanos(),
                message));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("NoHttpResponseException", "the server closed the connection");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
    }

    void close() {
        channel.close();
    }
}
