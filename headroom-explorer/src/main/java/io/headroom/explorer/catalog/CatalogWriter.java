package io.headroom.explorer.catalog;

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
 */
public final class CatalogWriter {
    static final String INSERT_COLUMNS = "path, name, folder, format, size_bytes, last_modified, record_count, "
            + "record_count_exact, column_count, completeness, community_data_points, description, license, "
            + "columns_json, fingerprint, refresh_generation, last_seen_at";

    private final DataSource dataSource;

    public CatalogWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How a batch changed the catalog: new paths, and known paths whose metadata changed. */
    public record UpsertResult(int added, int updated) {}

    public UpsertResult upsert(Collection<DatasetMetadata> batch, long generation) {
        Map<String, DatasetMetadata> byPath = new LinkedHashMap<>();
        for (DatasetMetadata metadata : batch) {
            byPath.put(metadata.path(), metadata); // the lake lists a path once; keep the last if not
        }
        if (byPath.isEmpty()) {
            return new UpsertResult(0, 0);
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
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
                insert(c, added, generation, now);
                update(c, changed, generation, now);
                markSeen(c, unchanged, generation, now);
                Map<Long, DatasetMetadata> retagged = new LinkedHashMap<>(changed);
                if (!added.isEmpty()) {
                    Map<String, long[]> addedIds = idsAndFingerprints(c, added.stream().map(DatasetMetadata::path).toList());
                    for (DatasetMetadata metadata : added) {
                        retagged.put(addedIds.get(metadata.path())[0], metadata);
                    }
                }
                replaceTags(c, retagged);
                c.commit();
                return new UpsertResult(added.size(), changed.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot upsert a batch of " + byPath.size() + " datasets", e);
        }
    }

    /** Deletes the datasets a finished refresh did not see (their tags go with them); returns how many. */
    public int removeNotSeenIn(long generation) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM datasets WHERE refresh_generation <> ?")) {
            ps.setLong(1, generation);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("Cannot remove vanished datasets", e);
        }
    }

    private static Map<String, long[]> idsAndFingerprints(Connection c, Collection<String> paths) throws SQLException {
        Map<String, long[]> result = new HashMap<>();
        String placeholders = String.join(", ", Collections.nCopies(paths.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT path, id, fingerprint FROM datasets WHERE path IN (" + placeholders + ")")) {
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

    private static void insert(Connection c, List<DatasetMetadata> rows, long generation, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO datasets (" + INSERT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DatasetMetadata metadata : rows) {
                bindRow(ps, metadata, generation, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void update(Connection c, Map<Long, DatasetMetadata> rows, long generation, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String assignments = String.join(" = ?, ", INSERT_COLUMNS.split(", ")) + " = ?";
        try (PreparedStatement ps = c.prepareStatement("UPDATE datasets SET " + assignments + " WHERE id = ?")) {
            for (Map.Entry<Long, DatasetMetadata> row : rows.entrySet()) {
                int next = bindRow(ps, row.getValue(), generation, now);
                ps.setLong(next, row.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void markSeen(Connection c, List<Long> ids, long generation, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE datasets SET refresh_generation = ?, last_seen_at = ? WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, generation);
                ps.setObject(2, DatasetRows.timestamp(now));
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void replaceTags(Connection c, Map<Long, DatasetMetadata> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String placeholders = String.join(", ", Collections.nCopies(rows.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dataset_tags WHERE dataset_id IN (" + placeholders + ")")) {
            int index = 1;
            for (long id : rows.keySet()) {
                ps.setLong(index++, id);
            }
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?)")) {
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
