package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.lake.analysis.MalformedDataException;

/**
 * Decompression of raw Snappy blocks (the Parquet SNAPPY codec), in plain Java: the format is a
 * length then literals and back-references, forty lines to decode, so a native library (snappy-java)
 * would cost a dependency and a platform-specific binary for no gain at sample sizes.
 */
final class Snappy {
    private Snappy() {}

    static byte[] decompress(byte[] in) throws MalformedDataException {
        try {
            int[] ip = {0};
            int length = readVarInt(in, ip);
            byte[] out = new byte[length];
            int op = 0;
            int i = ip[0];
            while (i < in.length) {
                int tag = in[i++] & 0xFF;
                int len;
                int offset;
                switch (tag & 3) {
                    case 0 -> { // literal
                        len = tag >>> 2;
                        if (len >= 60) {
                            int bytes = len - 59;
                            len = 0;
                            for (int b = 0; b < bytes; b++) {
                                len |= (in[i++] & 0xFF) << (8 * b);
                            }
                        }
                        len += 1;
                        System.arraycopy(in, i, out, op, len);
                        i += len;
                        op += len;
                        continue;
                    }
                    case 1 -> {
                        len = ((tag >>> 2) & 7) + 4;
                        offset = ((tag >>> 5) << 8) | (in[i++] & 0xFF);
                    }
                    case 2 -> {
                        len = (tag >>> 2) + 1;
                        offset = (in[i] & 0xFF) | (in[i + 1] & 0xFF) << 8;
                        i += 2;
                    }
                    default -> {
                        len = (tag >>> 2) + 1;
                        offset = (in[i] & 0xFF)
                                | (in[i + 1] & 0xFF) << 8
                                | (in[i + 2] & 0xFF) << 16
                                | (in[i + 3] & 0xFF) << 24;
                        i += 4;
                    }
                }
                if (offset <= 0 || offset > op) {
                    throw new MalformedDataException("bad Snappy back-reference");
                }
                for (int k = 0; k < len; k++) { // byte by byte: copies may overlap their own output
                    out[op + k] = out[op - offset + k];
                }
                op += len;
            }
            if (op != length) {
                throw new MalformedDataException("Snappy block shorter than its declared length");
            }
            return out;
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new MalformedDataException("corrupt Snappy block", e);
        }
    }

    private static int readVarInt(byte[] in, int[] position) {
        int value = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            int b = in[position[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ArrayIndexOutOfBoundsException("varint too long");
    }
}
