package io.headroom.toolkit.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An entry as stored in Redis: its tags (so an instance that fills L1 from L2 can still invalidate
 * it by tag) followed by the codec's bytes. Layout: tag count (int), each tag as length (short) and
 * UTF-8, then the payload.
 */
record Envelope(Set<String> tags, byte[] payload) {

    byte[] encode() {
        byte[][] encodedTags =
                tags.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        int size = 4 + payload.length;
        for (byte[] t : encodedTags) {
            size += 2 + t.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(encodedTags.length);
        for (byte[] t : encodedTags) {
            out.putShort((short) t.length).put(t);
        }
        return out.put(payload).array();
    }

    static Envelope decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = in.getInt();
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            byte[] t = new byte[in.getShort() & 0xFFFF];
            in.get(t);
            tags.add(new String(t, StandardCharsets.UTF_8));
        }
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        return new Envelope(tags, payload);
    }
}
