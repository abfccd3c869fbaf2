package io.headroom.explorer.catalog;

import io.headroom.explorer.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads many datasets into an empty (or disjoint) catalog as fast as the database allows: PostgreSQL
 * binary {@code COPY ... FROM STDIN} (one stream per chunk instead of a statement per row, and nothing
 * for the server to parse), batched INSERTs on H2. Ids are assigned here so tags can be loaded in the
 * same pass. Rows get refresh generation 0: the next refresh that is asked for replaces them with what
 * the lake holds. Paths already in the catalog make the load fail (unique path).
 */
public final class CatalogBulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBulkLoader.class);
    /** Rows per COPY (or per H2 commit): a few MB of encoded rows per chunk. */
    private static final int CHUNK = 10_000;

    private static final String COPY_COLUMNS = "id, " + CatalogWriter.INSERT_COLUMNS;
    private static final int COPY_FIELDS = COPY_COLUMNS.split(",").length;

    /** Opens a new connection to the catalog database; the loader closes what it opens. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final Dialect dialect;
    private final int parallelism;

    private CatalogBulkLoader(Dialect dialect, int parallelism) {
        this.dialect = dialect;
        this.parallelism = parallelism;
    }

    public static CatalogBulkLoader forUrl(String jdbcUrl) {
        // Index builds are CPU-bound on the database server; this machine's core count is the best guess of its.
        return new CatalogBulkLoader(
                Dialect.of(jdbcUrl), Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 4));
    }

    /**
     * Loads every dataset of the iterator; returns how many rows were loaded.
     *
     * <p>On PostgreSQL, when the catalog is empty, the indexes and keys are dropped for the load and
     * rebuilt after it, several at once ({@link CatalogIndexRebuild}). The rows commit before the
     * indexes are built (other connections must see them); if anything fails from then on (a
     * duplicate path found when the unique key is built) the tables are emptied again and every index
     * and key restored, so a failed load leaves the empty catalog it found. A load into a non-empty
     * catalog keeps its indexes and commits per chunk. Then VACUUM ANALYZE: fresh statistics for the
     * planner and a set visibility map, so index-only scans skip the heap.
     */
    public long load(ConnectionOpener database, Iterator<DatasetMetadata> datasets) throws SQLException {
        try (Connection c = database.open()) {
            c.setAutoCommit(false);
            long firstId = nextId(c);
            if (dialect == Dialect.H2) {
                long loaded = insertBatched(c, datasets, firstId);
                restartIdentity(c, firstId + loaded);
                c.commit();
                return loaded;
            }
            if (firstId != 1) {
                long loaded = copyPipelined(c, datasets, firstId, true);
                restartIdentity(c, firstId + loaded);
                c.commit();
                return loaded;
            }
            return loadIntoEmpty(database, c, datasets);
        }
    }

    private long loadIntoEmpty(ConnectionOpener database, Connection c, Iterator<DatasetMetadata> datasets)
            throws SQLException {
        long started = System.nanoTime();
        CatalogIndexRebuild rebuild;
        long loaded;
        try {
            rebuild = CatalogIndexRebuild.drop(c); // in the load's transaction: a failed COPY rolls the drops back too
            // Emptying the (already empty) tables in this transaction lets COPY write the rows frozen and
            // all-visible: no hint bits for the index builds' scans to set (dirtying every page) and
            // nothing left for VACUUM to do but the statistics.
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE dataset_tags, datasets");
                // Autovacuum would wake on a million new rows and take a lock each CREATE INDEX must wait
                // up to deadlock_timeout to cancel; the load ends with its own VACUUM ANALYZE anyway.
                CatalogIndexRebuild.setAutovacuum(s, false);
            }
            loaded = copyPipelined(c, datasets, 1, false);
            restartIdentity(c, 1 + loaded);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        long copied = System.nanoTime();
        LOG.info("Bulk load: {} rows written in {} ms", loaded, (copied - started) / 1_000_000);
        try {
            rebuild.rebuild(database, parallelism);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Bulk load failed while rebuilding indexes ({}); emptying the catalog again", e.getMessage());
            try {
                rebuild.restoreEmpty(database);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        long indexed = System.nanoTime();
        LOG.info(
                "Bulk load: {} indexes and {} constraints rebuilt on {} connections in {} ms",
                rebuild.indexCount(),
                rebuild.constraintCount(),
                parallelism,
                (indexed - copied) / 1_000_000);
        CatalogIndexRebuild.vacuumAnalyze(database);
        try (Connection autovacuum = database.open();
                Statement s = autovacuum.createStatement()) {
            CatalogIndexRebuild.setAutovacuum(s, true);
        }
        LOG.info("Bulk load: VACUUM ANALYZE in {} ms", (System.nanoTime() - indexed) / 1_000_000);
        return loaded;
    }

    private static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM datasets")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ids were given explicitly: move the identity past them so refresh inserts do not collide. */
    private static void restartIdentity(Connection c, long nextId) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE datasets ALTER COLUMN id RESTART WITH " + nextId);
        }
    }

    /** One chunk in binary COPY format: the datasets rows and their tag rows. */
    private record EncodedChunk(int size, BinaryCopyBuffer rows, BinaryCopyBuffer tags) {}

    private static final EncodedChunk END = new EncodedChunk(0, null, null);

    /**
     * COPY with the encoding of the next chunk overlapping the database's work on this one: a
     * producer thread generates and encodes chunks while this thread streams them to the server, so
     * the client's CPU and the server's CPU work at the same time instead of taking turns. Three
     * buffer pairs circulate between the two threads, so nothing is allocated per chunk.
     */
    @SuppressWarnings("ReferenceEquality") // END is a sentinel instance: identity is the test
    private static long copyPipelined(
            Connection c, Iterator<DatasetMetadata> datasets, long firstId, boolean commitEachChunk)
            throws SQLException {
        // FREEZE only where the tables were emptied in this transaction (PostgreSQL refuses it otherwise).
        String options = commitEachChunk ? "FORMAT binary" : "FORMAT binary, FREEZE";
        BlockingQueue<EncodedChunk> full = new ArrayBlockingQueue<>(3);
        BlockingQueue<EncodedChunk> empty = new ArrayBlockingQueue<>(3);
        for (int i = 0; i < 3; i++) {
            empty.add(new EncodedChunk(0, new BinaryCopyBuffer(CHUNK * 512), new BinaryCopyBuffer(CHUNK * 64)));
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Instant now = Instant.now();
        Thread producer = Thread.ofPlatform().name("bulk-load-encoder").daemon().start(() -> {
            try {
                long id = firstId;
                while (datasets.hasNext()) {
                    EncodedChunk buffers = empty.take();
                    int size = encode(
                            datasets,
                            id,
                            now,
                            buffers.rows().startCopy(),
                            buffers.tags().startCopy());
                    full.put(new EncodedChunk(size, buffers.rows(), buffers.tags()));
                    id += size;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure.set(e);
            }
            try {
                full.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long loaded = 0;
        try {
            while (true) {
                EncodedChunk chunk = full.take();
                if (chunk == END) {
                    break;
                }
                write(
                        copy,
                        "COPY datasets (" + COPY_COLUMNS + ") FROM STDIN WITH (" + options + ")",
                        chunk.rows().endCopy());
                write(
                        copy,
                        "COPY dataset_tags (dataset_id, tag) FROM STDIN WITH (" + options + ")",
                        chunk.tags().endCopy());
                if (commitEachChunk) {
                    c.commit();
                }
                loaded += chunk.size();
                empty.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Bulk load interrupted", e);
        } finally {
            producer.interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return loaded;
    }

    /** Encodes up to {@link #CHUNK} datasets; returns how many. */
    private static int encode(
            Iterator<DatasetMetadata> datasets,
            long firstId,
            Instant now,
            BinaryCopyBuffer rows,
            BinaryCopyBuffer tags) {
        long id = firstId;
        int count = 0;
        while (count < CHUNK && datasets.hasNext()) {
            DatasetMetadata m = datasets.next();
            appendRow(rows, id, m, now);
            List<String> distinctTags = m.tags();
            for (int i = 0; i < distinctTags.size(); i++) {
                String tag = distinctTags.get(i);
                if (distinctTags.indexOf(tag) == i) { // first occurrence only: (dataset_id, tag) is a key
                    tags.row(2).int8(id).text(tag);
                }
            }
            id++;
            count++;
        }
        return count;
    }

    private static void write(CopyManager copy, String sql, BinaryCopyBuffer buffer) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(buffer.array(), 0, buffer.size());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One row in {@link #COPY_COLUMNS} order, with the column types of the PostgreSQL migration. */
    private static void appendRow(BinaryCopyBuffer out, long id, DatasetMetadata m, Instant now) {
        out.row(COPY_FIELDS)
                .int8(id)
                .text(m.path())
                .text(m.name())
                .text(m.folder())
                .text(m.format().apiName())
                .int8(m.sizeBytes())
                .timestamptz(m.lastModified())
                .int8(m.recordCount())
                .bool(m.recordCountExact())
                .int4(m.columnCount())
                .float8(m.completeness())
                .int8(m.communityDataPoints())
                .text(m.description())
                .text(m.license())
                .text(DatasetRows.columnsJson(m.columns()))
                .int8(DatasetRows.fingerprint(m))
                .int8(0L)
                .timestamptz(now);
    }

    /** H2: batched INSERTs, committed per chunk. */
    private static long insertBatched(Connection c, Iterator<DatasetMetadata> datasets, long firstId)
            throws SQLException {
        Instant now = Instant.now();
        long id = firstId;
        List<DatasetMetadata> chunk = new ArrayList<>(CHUNK);
        while (datasets.hasNext()) {
            chunk.add(datasets.next());
            if (chunk.size() == CHUNK || !datasets.hasNext()) {
                insert(c, chunk, id, now);
                c.commit();
                id += chunk.size();
                chunk.clear();
            }
        }
        return id - firstId;
    }

    private static void insert(Connection c, List<DatasetMetadata> chunk, long firstId, Instant now)
            throws SQLException {
        try (PreparedStatement rows = c.prepareStatement("INSERT INTO datasets (" + CatalogWriter.INSERT_COLUMNS
                        + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement tags =
                        c.prepareStatement("INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?)")) {
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
