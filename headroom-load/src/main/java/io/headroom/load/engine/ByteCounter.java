package io.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts raw bytes on the wire (headers included, as JMeter's bytes/sentBytes do). Event-loop confined. */
final class ByteCounter extends ChannelDuplexHandler {

    long received;
    long sent;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            received += b.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            sent += b.readableBytes();
        }
        ctx.write(msg, promise);
    }
}
