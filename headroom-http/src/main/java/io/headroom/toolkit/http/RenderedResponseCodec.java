package io.headroom.toolkit.http;

import io.headroom.toolkit.cache.ValueCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@link RenderedResponse} as bytes for the shared cache level: the three bodies travel together so
 * an instance filled from Redis never compresses either. Layout: lastModified epoch seconds (long),
 * then content type, ETag, identity, brotli, gzip, each as length (int) and bytes.
 */
public final class RenderedResponseCodec implements ValueCodec<RenderedResponse> {

    @Override
    public byte[] encode(RenderedResponse r) {
        byte[] type = r.contentType().getBytes(StandardCharsets.UTF_8);
        byte[] etag = r.etag().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(
                8 + 5 * 4 + type.length + etag.length + r.identity().length + r.brotli().length + r.gzip().length);
        out.putLong(r.lastModified().getEpochSecond());
        for (byte[] part : new byte[][] {type, etag, r.identity(), r.brotli(), r.gzip()}) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    @Override
    public RenderedResponse decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Instant lastModified = Instant.ofEpochSecond(in.getLong());
        String type = new String(next(in), StandardCharsets.UTF_8);
        String etag = new String(next(in), StandardCharsets.UTF_8);
        return new RenderedResponse(type, next(in), next(in), next(in), etag, lastModified);
    }

    @Override
    public int weigh(RenderedResponse value) {
        return value.size();
    }

    private static byte[] next(ByteBuffer in) {
        byte[] part = new byte[in.getInt()];
        in.get(part);
        return part;
    }
}
