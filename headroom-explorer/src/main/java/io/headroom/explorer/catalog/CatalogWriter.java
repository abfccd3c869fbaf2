package io.headroom.explorer.catalog;

import io.headroom.explorer.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The write side of a refresh: batched upserts marked with the refresh's generation, then removal of
 * every dataset the refresh did not see. Each batch is one transaction, so a crash mid-refresh leaves
 * whole batches, never half a dataset (a row without its tags).
 *
 * <p>Safe beside other writers: inserts are true upserts ({@code INSERT ... ON CONFLICT} on PostgreSQL,
 * {@code MERGE} on H2), so two writers inserting one path never fail on the unique key; a row stamped
 * by a newer generation is never overwritten nor removed by an older one; a transaction that loses a
 * race with another writer is run again whole; and every transaction first passes the caller's
 * {@link WriteFence} (the refresh lease), so a refresh that lost its lease writes nothing more.
 */
public final class CatalogWriter {
    static final String INSERT_COLUMNS = "path, name, folder, format, size_bytes, last_modified, record_count, "
            + "record_count_exact, column_count, completeness, community_data_points, description, license, "
            + "columns_json, fingerprint, refresh_generation, last_seen_at";
    /** A transaction that lost a race with another writer is run again, whole, up to this many times. */
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final String upsertSql;
    private final String tagInsertSql;

    public CatalogWriter(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        String placeholders = String.join(", ", Collections.nCopies(INSERT_COLUMNS.split(", ").length, "?"));
        List<String> columns = List.of(INSERT_COLUMNS.split(", "));
        if (dialect == Dialect.POSTGRESQL) {
            this.upsertSql = "INSERT INTO datasets (" + INSERT_COLUMNS + ") VALUES (" + placeholders + ") "
                    + "ON CONFLICT (path) DO UPDATE SET " + assignments(columns, "EXCLUDED")
                    + " WHERE datasets.refresh_generation <= EXCLUDED.refresh_generation";
            this.tagInsertSql = "INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING";
        } else {
            this.upsertSql = "MERGE INTO datasets t USING (VALUES (" + placeholders + ")) s (" + INSERT_COLUMNS + ") "
                    + "ON t.path = s.path WHEN MATCHED AND t.refresh_generation <= s.refresh_generation THEN UPDATE SET "
                    + assignments(columns, "s") + " WHEN NOT MATCHED THEN INSERT (" + INSERT_COLUMNS + ") VALUES ("
                    + String.join(
                            ", ", columns.stream().map(column -> "s." + column).toList()) + ")";
            this.tagInsertSql = "MERGE INTO dataset_tags (dataset_id, tag) KEY (dataset_id, tag) VALUES (?, ?)";
        }
    }

    private static String assignments(List<String> columns, String source) {
        return String.join(
                ", ",
                columns.stream()
                        .filter(column -> !column.equals("path"))
                        .map(column -> column + " = " + source + "." + column)
                        .toList());
    }

    /** How a batch changed the catalog: new paths, and known paths whose metadata changed. */
    public record UpsertResult(int added, int updated) {}

    public UpsertResult upsert(Collection<DatasetMetadata> batch, long generation, WriteFence fence) {
        // In the lake's order: a first refresh gives ids in discovery order (LoadFeeders relies on it).
        Map<String, DatasetMetadata> byPath = new LinkedHashMap<>();
        for (DatasetMetadata metadata : batch) {
            byPath.put(metadata.path(), metadata); // the lake lists a path once; keep the last if not
        }
        if (byPath.isEmpty()) {
            return new UpsertResult(0, 0);
        }
        Instant now = Instant.now();
        return inTransaction("upsert a batch of " + byPath.size() + " datasets", c -> {
            fence.check(c);
            return upsert(c, byPath, generation, now);
        });
    }

    private UpsertResult upsert(Connection c, Map<String, DatasetMetadata> byPath, long generation, Instant now)
            throws SQLException {
        Map<String, long[]> existing = idsAndFingerprints(c, byPath.keySet()); // path -> {id, fingerprint}
        List<DatasetMetadata> added = new ArrayList<>();
        Map<Long, DatasetMetadata> changed = new LinkedHashMap<>();
        List<Long> unchanged = new ArrayList<>();
        for (DatasetMetadata metadata : byPath.values()) {
            long[] known = existing.get(metadata.path());
            if (known == null) {
                added.add(metadata);
            } else if (known[1] != DatasetRows.fingerprint(metadata)) {
                changed.put(known[0], metadata);
            } else {
                unchanged.add(known[0]);
            }
        }
        // A row another writer stamped with a newer generation meanwhile is skipped (0 rows): its tags stay too.
        List<DatasetMetadata> inserted = applied(added, insert(c, added, generation, now));
        Map<Long, DatasetMetadata> retagged = new LinkedHashMap<>();
        List<Map.Entry<Long, DatasetMetadata>> changedRows = List.copyOf(changed.entrySet());
        List<Map.Entry<Long, DatasetMetadata>> updated = applied(changedRows, update(c, changedRows, generation, now));
        updated.forEach(row -> retagged.put(row.getKey(), row.getValue()));
        markSeen(c, unchanged, generation, now);
        if (!inserted.isEmpty()) {
            Map<String, long[]> insertedIds = idsAndFingerprints(
                    c, inserted.stream().map(DatasetMetadata::path).toList());
            for (DatasetMetadata metadata : inserted) {
                retagged.put(insertedIds.get(metadata.path())[0], metadata);
            }
        }
        replaceTags(c, retagged);
        return new UpsertResult(inserted.size(), updated.size());
    }

    /** The rows whose batch entry changed a row ({@code SUCCESS_NO_INFO} counts as changed). */
    private static <T> List<T> applied(List<T> rows, int[] counts) {
        List<T> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (counts[i] != 0) {
                result.add(rows.get(i));
            }
        }
        return result;
    }

    /**
     * Deletes the datasets not seen by the refresh {@code generation}, which has written all its batches
     * (their tags go with them); returns how many. Only rows of older generations go: a row a newer
     * refresh stamped is never removed by an older one.
     */
    public int removeOlderThan(long generation, WriteFence fence) {
        return inTransaction("remove vanished datasets", c -> {
            fence.check(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM datasets WHERE refresh_generation < ?")) {
                ps.setLong(1, generation);
                return ps.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; a transaction that lost a race with another
     * writer (deadlock, serialization failure, H2's concurrent update of a row) is rolled back and run again.
     */
    private <T> T inTransaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !lostARace(e)) {
                    throw new CatalogException("Cannot " + what, e);
                }
            }
        }
    }

    /** 40001 serialization failure, 40P01 deadlock (PostgreSQL), 23505 / 90131 a concurrent insert or update (H2). */
    private static boolean lostARace(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state) || "90131".equals(state);
    }

    private static Map<String, long[]> idsAndFingerprints(Connection c, Collection<String> paths) throws SQLException {
        Map<String, long[]> result = new HashMap<>();
        String placeholders = String.join(", ", Collections.nCopies(paths.size(), "?"));
        try (PreparedStatement ps =
                c.prepareStatement("SELECT path, id, fingerprint FROM datasets WHERE path IN (" + placeholders + ")")) {
            int index = 1;
            for (String path : paths) {
                ps.setString(index++, path);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return result;
    }

    private int[] insert(Connection c, List<DatasetMetadata> rows, long generation, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(upsertSql)) {
            for (DatasetMetadata metadata : rows) {
                bindRow(ps, metadata, generation, now);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static int[] update(Connection c, List<Map.Entry<Long, DatasetMetadata>> rows, long generation, Instant now)
            throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        String assignments = String.join(" = ?, ", INSERT_COLUMNS.split(", ")) + " = ?";
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE datasets SET " + assignments + " WHERE id = ? AND refresh_generation <= ?")) {
            for (Map.Entry<Long, DatasetMetadata> row : rows) {
                int next = bindRow(ps, row.getValue(), generation, now);
                ps.setLong(next, row.getKey());
                ps.setLong(next + 1, generation);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static void markSeen(Connection c, List<Long> ids, long generation, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE datasets SET refresh_generation = ?, last_seen_at = ? WHERE id = ? AND refresh_generation <= ?")) {
            for (long id : ids) {
                ps.setLong(1, generation);
                ps.setObject(2, DatasetRows.timestamp(now));
                ps.setLong(3, id);
                ps.setLong(4, generation);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void replaceTags(Connection c, Map<Long, DatasetMetadata> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String placeholders = String.join(", ", Collections.nCopies(rows.size(), "?"));
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM dataset_tags WHERE dataset_id IN (" + placeholders + ")")) {
            int index = 1;
            for (long id : rows.keySet()) {
                ps.setLong(index++, id);
            }
            ps.executeUpdate();
        }
        // Idempotent: a writer that retagged the same dataset concurrently may have inserted the same pairs.
        try (PreparedStatement ps = c.prepareStatement(tagInsertSql)) {
            for (Map.Entry<Long, DatasetMetadata> row : rows.entrySet()) {
                for (String tag : row.getValue().tags().stream().distinct().toList()) {
                    ps.setLong(1, row.getKey());
                    ps.setString(2, tag);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Binds the {@link #INSERT_COLUMNS} from index 1; returns the next free index. */
    static int bindRow(PreparedStatement ps, DatasetMetadata m, long generation, Instant now) throws SQLException {
        ps.setString(1, m.path());
        ps.setString(2, m.name());
        ps.setString(3, m.folder());
        ps.setString(4, m.format().apiName());
        ps.setLong(5, m.sizeBytes());
        ps.setObject(6, DatasetRows.timestamp(m.lastModified()));
        DatasetRows.setNullableLong(ps, 7, m.recordCount());
        ps.setBoolean(8, m.recordCountExact());
        DatasetRows.setNullableInt(ps, 9, m.columnCount());
        DatasetRows.setNullableDouble(ps, 10, m.completeness());
        ps.setLong(11, m.communityDataPoints());
        DatasetRows.setNullableString(ps, 12, m.description());
        DatasetRows.setNullableString(ps, 13, m.license());
        ps.setString(14, DatasetRows.columnsJson(m.columns()));
        ps.setLong(15, DatasetRows.fingerprint(m));
        ps.setLong(16, generation);
        ps.setObject(17, DatasetRows.timestamp(now));
        return 18;
    }
}
