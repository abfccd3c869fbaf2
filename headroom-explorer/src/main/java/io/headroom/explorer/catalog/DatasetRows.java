package io.headroom.explorer.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** JDBC conversions shared by the catalog's reads and writes (both drivers agree on OffsetDateTime). */
final class DatasetRows {
    static final String LIST_COLUMNS = "id, name, folder, path, format, size_bytes, last_modified, record_count, "
            + "record_count_exact, column_count, completeness, community_data_points, description, license";

    private static final TypeReference<List<Column>> COLUMN_LIST = new TypeReference<>() {};

    private DatasetRows() {}

    /**
     * The dataset's tags as one array column, in tag order, NULL when it has none. A correlated
     * subquery rather than a second query per page: one statement and one round trip fewer on every
     * list request, for the same index probes (the (dataset_id, tag) key, already in tag order).
     * With a LIMIT above a sort, PostgreSQL evaluates it for the returned rows only.
     */
    static final String TAGS_COLUMN =
            "(SELECT array_agg(t.tag ORDER BY t.tag) FROM dataset_tags t WHERE t.dataset_id = d.id)";

    /** Reads the {@link #LIST_COLUMNS}, the {@link #TAGS_COLUMN}, then download_count; columns only when asked. */
    static Dataset read(ResultSet rs, List<Column> columns) throws SQLException {
        return new Dataset(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                instant(rs, 7),
                nullableLong(rs, 8),
                rs.getBoolean(9),
                nullableInt(rs, 10),
                nullableDouble(rs, 11),
                rs.getLong(12),
                rs.getLong(16),
                tags(rs, 15),
                rs.getString(13),
                rs.getString(14),
                columns);
    }

    private static List<String> tags(ResultSet rs, int index) throws SQLException {
        Array array = rs.getArray(index);
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray(); // String[] from PostgreSQL, Object[] from H2
            String[] tags = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                tags[i] = (String) values[i];
            }
            return List.of(tags);
        } finally {
            array.free();
        }
    }

    static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static String columnsJson(List<Column> columns) {
        return new String(Json.bytes(columns), StandardCharsets.UTF_8);
    }

    static List<Column> columns(String json) {
        try {
            return json == null ? List.of() : Json.mapper().readValue(json, COLUMN_LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored columns are not valid JSON", e);
        }
    }

    /**
     * A 64-bit FNV-1a hash of everything analysis said about a dataset: a refresh compares it with the
     * stored one to tell "updated" from "seen again, unchanged" without reading the old row back.
     * Fed field by field (each followed by a separator, NULL distinct from empty) rather than over
     * the record's toString(): no 600-character string per row, which was a quarter of the bulk
     * loader's client CPU, and no dependence on how a JDK formats records.
     */
    @SuppressWarnings("JavaInstantGetSecondsGetNano") // both parts are hashed, on consecutive lines
    static long fingerprint(DatasetMetadata m) {
        long hash = 0xcbf29ce484222325L;
        hash = text(hash, m.path());
        hash = text(hash, m.name());
        hash = text(hash, m.folder());
        hash = text(hash, m.format().apiName());
        hash = number(hash, m.sizeBytes());
        hash = number(hash, m.lastModified().getEpochSecond());
        hash = number(hash, m.lastModified().getNano());
        hash = m.recordCount() == null ? nul(hash) : number(hash, m.recordCount());
        hash = number(hash, m.recordCountExact() ? 1 : 0);
        hash = m.columnCount() == null ? nul(hash) : number(hash, m.columnCount());
        hash = m.completeness() == null ? nul(hash) : number(hash, Double.doubleToLongBits(m.completeness()));
        hash = number(hash, m.columns().size());
        for (Column column : m.columns()) {
            hash = text(text(hash, column.name()), column.type());
        }
        hash = number(hash, m.tags().size());
        for (String tag : m.tags()) {
            hash = text(hash, tag);
        }
        hash = text(hash, m.description());
        return text(hash, m.license());
    }

    private static final long FNV_PRIME = 0x100000001b3L;

    private static long text(long hash, String value) {
        if (value == null) {
            return nul(hash);
        }
        for (int i = 0; i < value.length(); i++) {
            hash = (hash ^ value.charAt(i)) * FNV_PRIME;
        }
        return (hash ^ 0x1e) * FNV_PRIME; // separator: ("ab", "c") and ("a", "bc") differ
    }

    private static long number(long hash, long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            hash = (hash ^ ((value >>> shift) & 0xff)) * FNV_PRIME;
        }
        return (hash ^ 0x1f) * FNV_PRIME;
    }

    private static long nul(long hash) {
        return (hash ^ 0x100) * FNV_PRIME; // one step and no separator: unlike any text, which ends with one
    }

    private static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }
}
