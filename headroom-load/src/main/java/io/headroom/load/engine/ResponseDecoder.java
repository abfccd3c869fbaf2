package io.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's HTTP/1.1 response decoder plus what the load engine needs from the wire: bytes received
 * (JMeter's bytes, headers included) and when the last read arrived, and the one thing
 * {@code HttpClientCodec} added on top of the decoder: a response to HEAD has no body, whatever its
 * Content-Length says. With one request in flight per connection the method of the request being
 * answered is simply the last one sent, so no method queue is needed. Event-loop confined.
 */
final class ResponseDecoder extends HttpResponseDecoder {

    /** Bytes read on this connection so far. */
    long received;
    /**
     * {@link System#nanoTime()} when the bytes being decoded were read. A response decoded from a read
     * began (first byte) and, at its last content, ended when that read arrived: taking the time once
     * per read instead of once per decoded part saves clock reads and is closer to the wire.
     */
    long readNanos;
    /** The request in flight is a HEAD: its (final) response has no body. */
    boolean head;

    ResponseDecoder() {
        super(new HttpDecoderConfig());
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
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (head && msg instanceof HttpResponse r && r.status().code() >= 200) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }
}
