package io.headroom.explorer.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    static final String TAGS_COLUMN = "(SELECT array_agg(t.tag ORDER BY t.tag) FROM dataset_tags t WHERE t.dataset_id = d.id)";

    /** Reads the {@link #LIST_COLUMNS} and then the {@link #TAGS_COLUMN}; columns only when asked. */
    static Dataset read(ResultSet rs, List<Column> columns) throws SQLException {
        return new Dataset(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), instant(rs, 7), nullableLong(rs, 8), rs.getBoolean(9),
                nullableInt(rs, 10), nullableDouble(rs, 11), rs.getLong(12),
                tags(rs, 15), rs.getString(13), rs.getString(14), columns);
    }

    private static List<String> tags(ResultSet rs, int index) throws SQLException {
        java.sql.Array array = rs.getArray(index);
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray();
            List<String> tags = new java.util.ArrayList<>(values.length);
            for (Object value : values) {
                tags.add((String) value);
            }
            return List.copyOf(tags);
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
        return new String(Json.bytes(columns), java.nio.charset.StandardCharsets.UTF_8);
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
     */
    static long fingerprint(DatasetMetadata metadata) {
        long hash = 0xcbf29ce484222325L;
        String text = metadata.toString();
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
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
