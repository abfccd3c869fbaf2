package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.lake.UnsupportedContentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.TimeUnit;

/**
 * PLAIN-encoded values of one column, converted to what a JSON sample shows: numbers, booleans,
 * strings; dates and timestamps as ISO-8601 text, decimals as exact numbers, binary as base64.
 */
final class PlainDecoder {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;

    private final ParquetSchema.Leaf leaf;
    private final SchemaElement element;
    private final String type;

    PlainDecoder(ParquetSchema.Leaf leaf) {
        this.leaf = leaf;
        this.element = leaf.element();
        this.type = ParquetSchema.typeName(element);
    }

    Object[] decode(ByteBuffer in, int count) throws UnsupportedContentException {
        Object[] out = new Object[count];
        switch (element.getType()) {
            case BOOLEAN -> {
                int start = in.position();
                for (int i = 0; i < count; i++) {
                    out[i] = ((in.get(start + (i >>> 3)) >>> (i & 7)) & 1) == 1;
                }
                in.position(start + (count + 7) / 8);
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = integer(in.getInt());
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = integer(in.getLong());
                }
            }
            case INT96 -> {
                for (int i = 0; i < count; i++) {
                    long nanosOfDay = in.getLong();
                    long julianDay = in.getInt() & 0xFFFFFFFFL;
                    out[i] = Instant.ofEpochSecond((julianDay - JULIAN_DAY_OF_EPOCH) * 86_400, nanosOfDay)
                            .toString();
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (double) in.getFloat();
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.getDouble();
                }
            }
            case BYTE_ARRAY -> {
                for (int i = 0; i < count; i++) {
                    byte[] bytes = new byte[in.getInt()];
                    in.get(bytes);
                    out[i] = bytes(bytes);
                }
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                if (!element.isSetType_length()) {
                    throw new UnsupportedContentException("FIXED_LEN_BYTE_ARRAY without a length: " + leaf.path());
                }
                for (int i = 0; i < count; i++) {
                    byte[] bytes = new byte[element.getType_length()];
                    in.get(bytes);
                    out[i] = bytes(bytes);
                }
            }
        }
        return out;
    }

    private Object integer(long value) {
        return switch (type) {
            case "date" -> LocalDate.ofEpochDay(value).toString();
            case "timestamp" -> timestamp(value).toString();
            case "decimal" -> BigDecimal.valueOf(value, scale());
            default -> value;
        };
    }

    private Object bytes(byte[] bytes) {
        return switch (type) {
            case "string" -> new String(bytes, StandardCharsets.UTF_8);
            case "decimal" -> new BigDecimal(new BigInteger(bytes), scale());
            default -> Base64.getEncoder().encodeToString(bytes);
        };
    }

    private int scale() {
        if (element.isSetLogicalType() && element.getLogicalType().isSetDECIMAL()) {
            return element.getLogicalType().getDECIMAL().getScale();
        }
        return element.isSetScale() ? element.getScale() : 0;
    }

    private Instant timestamp(long value) {
        TimeUnit unit = null;
        LogicalType logical = element.isSetLogicalType() ? element.getLogicalType() : null;
        if (logical != null && logical.isSetTIMESTAMP()) {
            unit = logical.getTIMESTAMP().getUnit();
        }
        if (unit != null && unit.isSetNANOS()) {
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        }
        boolean micros = (unit != null && unit.isSetMICROS())
                || (unit == null
                        && element.isSetConverted_type()
                        && element.getConverted_type() == ConvertedType.TIMESTAMP_MICROS);
        if (micros) {
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
        }
        return Instant.ofEpochMilli(value);
    }
}
