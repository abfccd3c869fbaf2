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

/**
 * Loads many datasets into an empty (or disjoint) catalog as fast as the database allows: PostgreSQL
 * {@code COPY ... FROM STDIN} (one round trip per chunk instead of one per row, no per-statement
 * planning), batched INSERTs on H2. Ids are assigned here so tags can be loaded in the same pass.
 * Rows get refresh generation 0: the next refresh that is asked for replaces them with what the
 * lake holds. Paths already in the catalog make the load fail (unique path).
 */
public final class CatalogBulkLoader {
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

    /** Loads every dataset of the iterator, committing per chunk; returns how many rows were loaded. */
    public long load(Connection c, Iterator<DatasetMetadata> datasets) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long nextId = nextId(c);
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
                    c.commit();
                    nextId += chunk.size();
                    loaded += chunk.size();
                    chunk.clear();
                }
            }
            try (Statement s = c.createStatement()) {
                // Ids were given explicitly: move the identity past them so refresh inserts do not collide.
                s.execute("ALTER TABLE datasets ALTER COLUMN id RESTART WITH " + nextId);
                if (dialect == Dialect.POSTGRESQL) {
                    c.commit();
                    c.setAutoCommit(true);
                    s.execute("ANALYZE datasets"); // fresh statistics, or the planner guesses on an empty table
                    s.execute("ANALYZE dataset_tags");
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
