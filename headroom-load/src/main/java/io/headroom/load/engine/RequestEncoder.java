package io.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import java.util.List;

/**
 * Netty's HTTP/1.1 request encoder plus two things the load engine needs: it counts the bytes it
 * writes (JMeter's sentBytes, headers included), and it lets an already encoded request (a
 * {@link ByteBuf}) through untouched. A request without feeder placeholders is the same bytes every
 * time, so {@link IterationRunner} encodes it once, with this same encoder ({@link #encodeOnce}), and
 * sends a duplicate of those bytes instead of building and encoding a request object per request.
 * Event-loop confined.
 */
final class RequestEncoder extends HttpRequestEncoder {

    /** Bytes written on this connection so far. */
    long sent;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf encoded) {
            sent += encoded.readableBytes();
            ctx.write(msg, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
        int from = out.size();
        super.encode(ctx, msg, out);
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof ByteBuf b) {
                sent += b.readableBytes();
            }
        }
    }

    /**
     * The wire bytes of {@code request} as this encoder writes them, in one direct buffer that is never
     * released (it lives as long as the run; send {@code duplicate()}s of it). Releases {@code request}.
     */
    static ByteBuf encodeOnce(FullHttpRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestEncoder());
        try {
            channel.writeOutbound(request);
            ByteBuf wire = Unpooled.directBuffer();
            for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
                wire.writeBytes(part);
                part.release();
            }
            return Unpooled.unreleasableBuffer(wire);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
