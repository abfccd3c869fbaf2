package io.headroom.explorer.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog tables' indexes and keys, dropped before a bulk load into an empty catalog and built
 * again after it (PostgreSQL only).
 *
 * <p>One sorted build per index is many times cheaper than maintaining a dozen of them row by row.
 * The builds run on several connections at once: the trigram GIN index (the longest, and in
 * PostgreSQL 15 never parallel by itself) starts first on one connection while the B-trees go
 * through the others. Keys are built as plain unique indexes in that phase, because adding a key
 * constraint locks the table against the other builds, and are then attached to their constraints
 * ({@code ADD CONSTRAINT ... USING INDEX}), which takes no time.
 *
 * <p>The definitions are read from the database itself, so the migrations stay the one place they
 * are written.
 */
final class CatalogIndexRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogIndexRebuild.class);
    private static final String TABLES = "('datasets'::regclass, 'dataset_tags'::regclass)";

    private record Index(String name, String definition, boolean gin) {}

    /** An index-backed key (primary or unique) or a foreign key, with the statement that restores it. */
    private record Constraint(String table, String name, String restore, boolean foreign) {}

    private final List<Index> indexes;
    private final List<Constraint> constraints;

    private CatalogIndexRebuild(List<Index> indexes, List<Constraint> constraints) {
        this.indexes = indexes;
        this.constraints = constraints;
    }

    /**
     * Drops every index and key of the catalog tables on {@code c}, in its transaction, and returns
     * what {@link #rebuild} needs to put them back.
     */
    static CatalogIndexRebuild drop(Connection c) throws SQLException {
        List<Constraint> constraints = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                                + "WHERE conrelid IN " + TABLES + " AND contype IN ('p', 'u', 'f')")) {
            while (rs.next()) {
                String table = rs.getString(1);
                String name = rs.getString(2);
                String type = rs.getString(3);
                String restore = switch (type) {
                    case "p" -> "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " PRIMARY KEY USING INDEX " + name;
                    case "u" -> "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name;
                    default -> "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rs.getString(4);
                };
                constraints.add(new Constraint(table, name, restore, type.equals("f")));
            }
        }
        List<Index> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), am.amname = 'gin' FROM pg_index i "
                                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                                + "WHERE i.indrelid IN " + TABLES)) {
            while (rs.next()) {
                indexes.add(new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        // Foreign keys first (they depend on the keys), then the keys (which drop their indexes), then the rest.
        constraints.sort(Comparator.comparing((Constraint k) -> !k.foreign()));
        try (Statement s = c.createStatement()) {
            for (Constraint constraint : constraints) {
                s.execute("ALTER TABLE " + constraint.table() + " DROP CONSTRAINT " + constraint.name());
            }
            for (Index index : indexes) {
                s.execute("DROP INDEX IF EXISTS " + index.name());
            }
        }
        // Keys are restored before foreign keys, which need the referenced key in place.
        constraints.sort(Comparator.comparing(Constraint::foreign));
        // The GIN index first: it is the longest single build, so it must not start last.
        indexes.sort(Comparator.comparing((Index index) -> !index.gin()));
        return new CatalogIndexRebuild(indexes, constraints);
    }

    int indexCount() {
        return indexes.size();
    }

    int constraintCount() {
        return constraints.size();
    }

    /**
     * Builds the indexes on {@code parallelism} connections at once, then attaches the keys and
     * adds the foreign keys (validated against the loaded rows). Each statement commits on its own.
     */
    void rebuild(CatalogBulkLoader.ConnectionOpener database, int parallelism) throws SQLException {
        ConcurrentLinkedQueue<Index> queue = new ConcurrentLinkedQueue<>(indexes);
        runOnConnections(database, parallelism, s -> {
            s.execute("SET maintenance_work_mem = '256MB'"); // each build's sort stays in memory
            for (Index index = queue.poll(); index != null; index = queue.poll()) {
                long started = System.nanoTime();
                try {
                    s.execute(index.definition());
                } catch (SQLException e) {
                    queue.clear(); // a duplicate key dooms the load: the other connections stop after their current
                    // build
                    throw e;
                }
                LOG.debug(
                        "Bulk load: index {} built in {} ms", index.name(), (System.nanoTime() - started) / 1_000_000);
            }
        });
        try (Connection c = database.open();
                Statement s = c.createStatement()) {
            for (Constraint constraint : constraints) {
                s.execute(constraint.restore());
            }
        }
    }

    /** Turns autovacuum off for the catalog tables (during a load), or back to the server's setting. */
    static void setAutovacuum(Statement s, boolean enabled) throws SQLException {
        for (String table : List.of("datasets", "dataset_tags")) {
            s.execute(
                    enabled
                            ? "ALTER TABLE " + table + " RESET (autovacuum_enabled)"
                            : "ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
        }
    }

    /** VACUUM ANALYZE of both tables, one per connection: statistics for the planner, a set visibility map. */
    static void vacuumAnalyze(CatalogBulkLoader.ConnectionOpener database) throws SQLException {
        ConcurrentLinkedQueue<String> tables = new ConcurrentLinkedQueue<>(List.of("datasets", "dataset_tags"));
        runOnConnections(database, 2, s -> {
            for (String table = tables.poll(); table != null; table = tables.poll()) {
                s.execute("VACUUM ANALYZE " + table);
            }
        });
    }

    /**
     * After a failed load into what was an empty catalog: empties the tables and creates whatever
     * index or key is missing (instant on empty tables), so the schema is whole again.
     */
    void restoreEmpty(CatalogBulkLoader.ConnectionOpener database) throws SQLException {
        try (Connection c = database.open();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE dataset_tags, datasets");
            setAutovacuum(s, true);
            for (Index index : indexes) {
                if (!exists(c, "SELECT 1 FROM pg_class WHERE oid = to_regclass(?)", index.name())) {
                    s.execute(index.definition());
                }
            }
            for (Constraint constraint : constraints) {
                if (!exists(
                        c,
                        "SELECT 1 FROM pg_constraint WHERE conrelid IN " + TABLES + " AND conname = ?",
                        constraint.name())) {
                    s.execute(constraint.restore());
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private interface Work {
        void run(Statement statement) throws SQLException;
    }

    /** Runs {@code work} on {@code count} connections of their own at once; the first failure is thrown. */
    private static void runOnConnections(CatalogBulkLoader.ConnectionOpener database, int count, Work work)
            throws SQLException {
        try (ExecutorService pool = Executors.newFixedThreadPool(
                count, Thread.ofPlatform().name("bulk-load-index-", 1).daemon().factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(pool.submit(() -> {
                    try (Connection c = database.open();
                            Statement s = c.createStatement()) {
                        work.run(s);
                    }
                    return null;
                }));
            }
            SQLException failure = null;
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    SQLException cause =
                            e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while rebuilding the catalog indexes", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
