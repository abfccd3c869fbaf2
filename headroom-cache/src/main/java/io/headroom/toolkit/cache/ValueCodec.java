package io.headroom.toolkit.cache;

/**
 * How a keyspace's values become bytes for Redis and back, and what they weigh in the in-process
 * cache. Values held in L1 are the decoded objects, so a hit never decodes.
 */
public interface ValueCodec<V> {
    byte[] encode(V value);

    V decode(byte[] bytes);

    /** The approximate heap size of a value in bytes; the L1 byte bound is enforced with it. */
    default int weigh(V value) {
        return encode(value).length;
    }

    /** Values that already are bytes. */
    static ValueCodec<byte[]> bytes() {
        return new ValueCodec<>() {
            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }

            @Override
            public int weigh(byte[] value) {
                return value.length;
            }
        };
    }
}
