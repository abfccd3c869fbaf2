package io.headroom.explorer.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format, written into one reusable byte array.
 *
 * <p>Binary rather than CSV because the server then parses nothing: a text field is a length and
 * its bytes, a number is its eight bytes. Measured on 1,000,000 catalog rows (server side only,
 * {@code COPY FROM} a file): CSV 3.7 s, text 2.8–3.3 s, binary 1.7–2.3 s. The catalog's columns JSON
 * is full of double quotes, which CSV would have to double and the server to undo.
 *
 * <p>Format: a signature and header once per COPY, then per row a 16-bit field count and per field a
 * 32-bit length (-1 for NULL) and the value in the type's binary send format; a -1 field count
 * ends the data. Values must match the column types exactly (bigint is 8 bytes, integer 4, ...).
 */
final class BinaryCopyBuffer {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS =
            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private byte[] bytes;
    private int size;

    BinaryCopyBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** Empties the buffer and writes the COPY header: signature, no flags, no header extension. */
    BinaryCopyBuffer startCopy() {
        size = 0;
        put(SIGNATURE, 0, SIGNATURE.length);
        int32(0);
        int32(0);
        return this;
    }

    /** Empties the buffer for the next piece of a COPY whose header has already been sent. */
    BinaryCopyBuffer clear() {
        size = 0;
        return this;
    }

    BinaryCopyBuffer endCopy() {
        int16(-1);
        return this;
    }

    BinaryCopyBuffer row(int fields) {
        int16(fields);
        return this;
    }

    BinaryCopyBuffer int8(long value) {
        int32(8);
        int64(value);
        return this;
    }

    BinaryCopyBuffer int8(Long value) {
        return value == null ? nul() : int8(value.longValue());
    }

    BinaryCopyBuffer int4(Integer value) {
        if (value == null) {
            return nul();
        }
        int32(4);
        int32(value);
        return this;
    }

    BinaryCopyBuffer float8(Double value) {
        return value == null ? nul() : int8(Double.doubleToLongBits(value));
    }

    BinaryCopyBuffer bool(boolean value) {
        int32(1);
        ensure(1);
        bytes[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A text or varchar value as UTF-8; null writes NULL. */
    BinaryCopyBuffer text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        put(utf8, 0, utf8.length);
        return this;
    }

    /** A timestamptz: microseconds since 2000-01-01 UTC. */
    BinaryCopyBuffer timestamptz(Instant value) {
        long micros = Math.addExact(
                Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                value.getNano() / 1_000);
        return int8(micros);
    }

    BinaryCopyBuffer nul() {
        int32(-1);
        return this;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    private void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void put(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
