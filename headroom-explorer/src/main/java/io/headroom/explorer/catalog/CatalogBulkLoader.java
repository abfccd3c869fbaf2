package io.headroom.explorer.catalog;

import io.headroom.explorer.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads many datasets into an empty (or disjoint) catalog as fast as the database allows: PostgreSQL
 * {@code COPY ... FROM STDIN} (one round trip per chunk instead of one per row, no per-statement
 * planning), batched INSERTs on H2. Ids are assigned here so tags can be loaded in the same pass.
 * Rows get refresh generation 0: the next refresh that is asked for replaces them with what the
 * lake holds. Paths already in the catalog make the load fail (unique path).
 */
public final class CatalogBulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBulkLoader.class);
    /** Rows per COPY (or per H2 commit): bounds the memory of one chunk's text to a few tens of MB. */
    private static final int CHUNK = 50_000;
    private static final String COPY_COLUMNS = "id, " + CatalogWriter.INSERT_COLUMNS;

    private final Dialect dialect;

    private CatalogBulkLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    public static CatalogBulkLoader forUrl(String jdbcUrl) {
        return new CatalogBulkLoader(Dialect.of(jdbcUrl));
    }

    /**
     * Loads every dataset of the iterator, committing per chunk; returns how many rows were loaded.
     *
     * <p>On PostgreSQL, when the catalog is empty, the indexes and key constraints are dropped for the
     * load and rebuilt after it: one sorted build per index is many times cheaper than maintaining
     * twelve of them (a trigram GIN among them) row by row. That load is one transaction, so a
     * failure (a duplicate path found when the unique key is rebuilt) rolls everything back,
     * constraints included. A load into a non-empty catalog keeps its indexes and commits per chunk.
     * Then VACUUM ANALYZE: fresh statistics for the planner and a set visibility map, so index-only
     * scans skip the heap.
     */
    public long load(Connection c, Iterator<DatasetMetadata> datasets) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long nextId = nextId(c);
            boolean rebuild = dialect == Dialect.POSTGRESQL && nextId == 1;
            // Indexes first: dropping a unique constraint drops its index, which must not be listed twice.
            List<String> droppedIndexes = rebuild ? dropSecondaryIndexes(c) : List.of();
            List<String> droppedConstraints = rebuild ? dropConstraints(c) : List.of();
            long started = System.nanoTime();
            long loaded = 0;
            Instant now = Instant.now();
            List<DatasetMetadata> chunk = new ArrayList<>(CHUNK);
            while (datasets.hasNext()) {
                chunk.add(datasets.next());
                if (chunk.size() == CHUNK || !datasets.hasNext()) {
                    if (dialect == Dialect.POSTGRESQL) {
                        copy(c, chunk, nextId, now);
                    } else {
                        insert(c, chunk, nextId, now);
                    }
                    if (!rebuild) {
                        c.commit();
                    }
                    nextId += chunk.size();
                    loaded += chunk.size();
                    chunk.clear();
                }
            }
            long copied = System.nanoTime();
            LOG.info("Bulk load: {} rows written in {} ms", loaded, (copied - started) / 1_000_000);
            try (Statement s = c.createStatement()) {
                // Ids were given explicitly: move the identity past them so refresh inserts do not collide.
                s.execute("ALTER TABLE datasets ALTER COLUMN id RESTART WITH " + nextId);
                if (dialect == Dialect.POSTGRESQL) {
                    s.execute("SET maintenance_work_mem = '256MB'"); // sorts of the index builds stay in memory
                    for (String constraint : droppedConstraints) {
                        s.execute(constraint); // one sorted build (or one join for a foreign key), not a lookup per row
                    }
                    for (String definition : droppedIndexes) {
                        s.execute(definition);
                    }
                    c.commit();
                    long indexed = System.nanoTime();
                    LOG.info("Bulk load: {} indexes and {} constraints rebuilt in {} ms", droppedIndexes.size(),
                            droppedConstraints.size(), (indexed - copied) / 1_000_000);
                    c.setAutoCommit(true); // VACUUM cannot run inside a transaction
                    s.execute("VACUUM ANALYZE datasets");
                    s.execute("VACUUM ANALYZE dataset_tags");
                    LOG.info("Bulk load: VACUUM ANALYZE in {} ms", (System.nanoTime() - indexed) / 1_000_000);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return loaded;
        } catch (SQLException | RuntimeException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Drops the primary keys, unique constraints and foreign keys of the catalog tables; returns the
     * statements that add them back, keys before foreign keys.
     */
    private static List<String> dropConstraints(Connection c) throws SQLException {
        List<String[]> constraints = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
                        + "WHERE conrelid IN ('datasets'::regclass, 'dataset_tags'::regclass) AND contype IN ('p', 'u', 'f') "
                        + "ORDER BY contype = 'f' DESC")) { // foreign keys first: they depend on the keys
            while (rs.next()) {
                constraints.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        List<String> keys = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String[] constraint : constraints) {
                s.execute("ALTER TABLE " + constraint[0] + " DROP CONSTRAINT " + constraint[1]);
                String restore = "ALTER TABLE " + constraint[0] + " ADD CONSTRAINT " + constraint[1] + " " + constraint[2];
                (constraint[3].equals("f") ? foreignKeys : keys).add(restore);
            }
        }
        keys.addAll(foreignKeys);
        return keys;
    }

    /**
     * Drops the catalog tables' indexes that back no constraint and returns their definitions
     * (read from the database itself, so the migrations stay the one place they are written).
     */
    private static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        + "WHERE i.indrelid IN ('datasets'::regclass, 'dataset_tags'::regclass) "
                        + "AND NOT i.indisprimary AND NOT i.indisunique")) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<String> definitions = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
                definitions.add(index[1]);
            }
        }
        return definitions;
    }

    private static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM datasets")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void copy(Connection c, List<DatasetMetadata> chunk, long firstId, Instant now) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder(chunk.size() * 400);
        StringBuilder tags = new StringBuilder(chunk.size() * 40);
        long id = firstId;
        for (DatasetMetadata m : chunk) {
            appendRow(rows, id, m, now);
            for (String tag : m.tags().stream().distinct().toList()) {
                tags.append(id).append(',');
                quoted(tags, tag).append('\n');
            }
            id++;
        }
        write(copy, "COPY datasets (" + COPY_COLUMNS + ") FROM STDIN WITH (FORMAT csv)", rows);
        write(copy, "COPY dataset_tags (dataset_id, tag) FROM STDIN WITH (FORMAT csv)", tags);
    }

    private static void write(CopyManager copy, String sql, StringBuilder text) throws SQLException {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One CSV line in {@link #COPY_COLUMNS} order; an unquoted empty field is NULL. */
    private static void appendRow(StringBuilder out, long id, DatasetMetadata m, Instant now) {
        out.append(id).append(',');
        quoted(out, m.path()).append(',');
        quoted(out, m.name()).append(',');
        quoted(out, m.folder()).append(',');
        out.append(m.format().apiName()).append(',');
        out.append(m.sizeBytes()).append(',');
        out.append(m.lastModified()).append(',');
        out.append(m.recordCount() == null ? "" : m.recordCount().toString()).append(',');
        out.append(m.recordCountExact()).append(',');
        out.append(m.columnCount() == null ? "" : m.columnCount().toString()).append(',');
        out.append(m.completeness() == null ? "" : m.completeness().toString()).append(',');
        out.append(m.communityDataPoints()).append(',');
        quoted(out, m.description()).append(',');
        quoted(out, m.license()).append(',');
        quoted(out, DatasetRows.columnsJson(m.columns())).append(',');
        out.append(DatasetRows.fingerprint(m)).append(',');
        out.append(0).append(',');
        out.append(now).append('\n');
    }

    private static StringBuilder quoted(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static void insert(Connection c, List<DatasetMetadata> chunk, long firstId, Instant now) throws SQLException {
        try (PreparedStatement rows = c.prepareStatement("INSERT INTO datasets (" + CatalogWriter.INSERT_COLUMNS
                        + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement tags = c.prepareStatement("INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?)")) {
            long id = firstId;
            for (DatasetMetadata m : chunk) {
                int next = CatalogWriter.bindRow(rows, m, 0, now);
                rows.setLong(next, id);
                rows.addBatch();
                for (String tag : m.tags().stream().distinct().toList()) {
                    tags.setLong(1, id);
                    tags.setString(2, tag);
                    tags.addBatch();
                }
                id++;
            }
            rows.executeBatch();
            tags.executeBatch();
        }
    }
}
