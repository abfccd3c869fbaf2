package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.lake.analysis.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Parquet's RLE / bit-packing hybrid, used for definition levels and dictionary indices: a sequence
 * of runs, each a varint header whose low bit says "bit-packed groups of 8" (1) or "one value
 * repeated" (0).
 */
final class LevelEncoding {
    private LevelEncoding() {}

    /** Definition levels (bit width 1: 1 = present, 0 = null) as one bit-packed run; returns the null count. */
    static long writeBitPacked(ByteArrayOutputStream out, List<Object> values) {
        int groups = (values.size() + 7) / 8;
        writeUnsignedVarInt(out, (groups << 1) | 1);
        long nulls = 0;
        int bits = 0;
        int bitCount = 0;
        for (Object value : values) {
            if (value != null) {
                bits |= 1 << bitCount;
            } else {
                nulls++;
            }
            if (++bitCount == 8) {
                out.write(bits);
                bits = 0;
                bitCount = 0;
            }
        }
        if (bitCount > 0) {
            out.write(bits);
        }
        return nulls;
    }

    /** Decodes {@code count} values of {@code bitWidth} bits from the buffer's position, advancing it. */
    static int[] decode(ByteBuffer in, int bitWidth, int count) throws MalformedDataException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new MalformedDataException("bad bit width " + bitWidth);
        }
        int[] values = new int[count];
        int filled = 0;
        int byteWidth = (bitWidth + 7) / 8;
        try {
            while (filled < count) {
                int header = readUnsignedVarInt(in);
                if ((header & 1) == 0) {
                    int run = header >>> 1;
                    int value = 0;
                    for (int i = 0; i < byteWidth; i++) {
                        value |= (in.get() & 0xFF) << (8 * i);
                    }
                    int n = Math.min(run, count - filled);
                    Arrays.fill(values, filled, filled + n, value);
                    filled += n;
                } else {
                    int groupValues = (header >>> 1) * 8;
                    int bytes = (header >>> 1) * bitWidth;
                    int start = in.position();
                    for (int i = 0; i < groupValues && filled < count; i++) {
                        values[filled++] = readBits(in, start, (long) i * bitWidth, bitWidth);
                    }
                    in.position(start + bytes);
                }
            }
        } catch (RuntimeException e) { // BufferUnderflow, IndexOutOfBounds, IllegalArgument from position()
            throw new MalformedDataException("corrupt RLE/bit-packed data", e);
        }
        return values;
    }

    private static int readBits(ByteBuffer in, int start, long bitOffset, int bitWidth) {
        int value = 0;
        for (int b = 0; b < bitWidth; b++) {
            long bit = bitOffset + b;
            int byteValue = in.get(start + (int) (bit >>> 3)) & 0xFF;
            value |= ((byteValue >>> (bit & 7)) & 1) << b;
        }
        return value;
    }

    static int readUnsignedVarInt(ByteBuffer in) {
        int value = 0;
        int shift = 0;
        while (true) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint too long");
            }
        }
    }

    static void writeUnsignedVarInt(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** Bits needed for values 0..max. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
