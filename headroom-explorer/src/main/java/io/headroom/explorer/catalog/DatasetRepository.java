package io.headroom.explorer.catalog;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Reads of the catalog: dataset pages, single datasets, folders and statistics. Plain JDBC. */
public final class DatasetRepository {
    private final List<Runnable> writeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    /**
     * List totals (and the statistics) are cached per filter. An unfiltered count(*) over a million rows costs a few hundred
     * milliseconds; the total of a filter changes only when a refresh writes, which calls
     * {@link #catalogChanged()}. After 10 s a read still gets the cached total while one background
     * recount runs (so 64 concurrent first pages never all count at once when an entry ages); after
     * 30 s unused it is gone. Another instance's writes can make a total up to ~30 s stale.
     */
    private static final Duration TOTAL_REFRESH = Duration.ofSeconds(10);

    private static final Duration TOTAL_EXPIRY = Duration.ofSeconds(30);

    /**
     * From this offset on, the rows to skip are found on ids alone (a "deferred join"): the skipping
     * then walks only the (sort, id) index, an index-only scan, and reads the table for the page's
     * rows only. Measured at offset 500,000 of a million: see docs/catalog-query-plans.md.
     */
    private static final long DEFERRED_JOIN_OFFSET = 1_000;

    private final DataSource dataSource;
    /**
     * Bumped by every catalog write. Cache keys carry the generation they were read in, because
     * Caffeine's invalidateAll() does not cancel a load already in flight: a count that started
     * before a commit would otherwise be stored after the invalidation and served for 30 s. With
     * the generation in the key, such a late value lands under an old key nobody asks for again.
     */
    private final AtomicLong generation = new AtomicLong();

    private final LoadingCache<Generational<Scoped<DatasetFilter>>, Long> totals;
    // The aggregates below scan the whole table (seconds at a million rows) and change only when a
    // refresh writes: cached like the totals. Keys: "" for the whole catalog, else a folder name.
    private final LoadingCache<Generational<Scoped<Optional<String>>>, CatalogStats> stats; // empty: the whole catalog
    private final LoadingCache<Generational<VisibleFolders>, CatalogStats.Quick> quickStats;
    private final LoadingCache<Generational<String>, List<CatalogStats.Folder>> folders;
    private final LoadingCache<Generational<String>, List<CatalogStats.FolderDataPoints>> dataPoints;

    /** A cache key of one catalog generation. */
    private record Generational<K>(long generation, K key) {}

    /** A key as seen by callers who see these folders (an access scope). */
    private record Scoped<K>(K key, VisibleFolders visible) {}

    public DatasetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        // get() computes a missing value once per key, however many requests ask at the same time.
        this.totals = cache(filter -> count(filter.key().key(), filter.key().visible()));
        // "" is the lake root, not the catalog
        this.stats = cache(folder ->
                computeStats(folder.key().key(), folder.key().visible()).orElse(null));
        this.quickStats = cache(visible -> computeQuickStats(visible.key()));
        this.folders = cache(all -> computeFolders());
        this.dataPoints = cache(all -> computeDataPointsByFolder());
    }

    private static <K, V> LoadingCache<K, V> cache(CacheLoader<K, V> loader) {
        return Caffeine.newBuilder()
                .refreshAfterWrite(TOTAL_REFRESH)
                .expireAfterWrite(TOTAL_EXPIRY)
                .maximumSize(10_000)
                .build(loader);
    }

    /** Forgets cached totals and tells the listeners (the response cache); called after every committed catalog write. */
    public void catalogChanged() {
        writeListeners.forEach(Runnable::run);
        forgetAggregates();
        changeListeners.forEach(Runnable::run);
    }

    /**
     * Forgets the cached totals and aggregates only: for when another instance wrote the catalog
     * (its invalidation arrived through the shared cache), so nobody else needs telling.
     */
    public void forgetAggregates() {
        generation.incrementAndGet();
        totals.invalidateAll(); // frees the memory; correctness comes from the generation
        stats.invalidateAll();
        quickStats.invalidateAll();
        folders.invalidateAll();
        dataPoints.invalidateAll();
    }

    private <K> Generational<K> current(K key) {
        return new Generational<>(generation.get(), key);
    }

    /**
     * Runs the listener after every committed catalog write, before any total or cached answer is forgotten
     * (a read replica holds reads on the primary from then on, so nothing is refilled from rows it lacks).
     */
    public void onCatalogWrite(Runnable listener) {
        writeListeners.add(listener);
    }

    /** Runs the listener after every committed catalog write (on the writing thread). */
    public void onCatalogChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    public DatasetPage page(DatasetQuery query) {
        return page(query, VisibleFolders.ALL);
    }

    /** A page of the datasets in the visible folders only (the SQL says so: no row outside them is read). */
    public DatasetPage page(DatasetQuery query, VisibleFolders visible) {
        DatasetSql sql = DatasetSql.where(query.filter(), visible);
        Long offset = null;
        if (query.position() instanceof DatasetQuery.After after) {
            sql.after(after.cursor());
        } else if (query.position() instanceof DatasetQuery.Offset o) {
            offset = o.rows();
        }
        // One row more than asked tells whether a next page exists without a second query.
        String text = offset != null && offset >= DEFERRED_JOIN_OFFSET
                ? "SELECT " + prefixed() + " FROM datasets d JOIN (SELECT d.id" + DatasetSql.from(query.filter(), sql)
                        + DatasetSql.orderBy(query.sort()) + " LIMIT ? OFFSET ?) page ON page.id = d.id"
                        + DatasetSql.orderBy(query.sort())
                : "SELECT " + prefixed() + DatasetSql.from(query.filter(), sql) + DatasetSql.orderBy(query.sort())
                        + " LIMIT ? OFFSET ?";
        // The total first, before taking a connection: a request waiting for another's count must not
        // hold a pooled connection meanwhile, or 20 waiters could starve the one counting.
        long total = totals.get(current(new Scoped<>(query.filter(), visible)));
        try (Connection c = dataSource.getConnection()) {
            List<Dataset> rows = new ArrayList<>(query.limit() + 1);
            try (PreparedStatement ps = c.prepareStatement(text)) {
                int next = sql.bind(ps);
                ps.setInt(next, query.limit() + 1);
                ps.setLong(next + 1, offset == null ? 0 : offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(DatasetRows.read(rs, null));
                    }
                }
            }
            boolean hasNext = rows.size() > query.limit();
            List<Dataset> items = hasNext ? rows.subList(0, query.limit()) : rows;
            String nextCursor =
                    hasNext ? PageCursor.after(query.sort(), items.getLast()).encode() : null;
            boolean hasPrevious = offset == null || offset > 0;
            return new DatasetPage(items, total, query.limit(), offset, nextCursor, hasNext, hasPrevious);
        } catch (SQLException e) {
            throw new CatalogException("Cannot list datasets", e);
        }
    }

    public Optional<Dataset> byId(long id) {
        String text = "SELECT " + prefixed() + ", d.columns_json FROM datasets d WHERE d.id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(text)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(DatasetRows.read(rs, DatasetRows.columns(rs.getString(17))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read dataset " + id, e);
        }
    }

    public List<CatalogStats.Folder> folders() {
        return folders.get(current(""));
    }

    public List<CatalogStats.FolderDataPoints> communityDataPointsByFolder() {
        return dataPoints.get(current(""));
    }

    public CatalogStats stats() {
        return stats(VisibleFolders.ALL);
    }

    /** The statistics over the visible folders only. */
    public CatalogStats stats(VisibleFolders visible) {
        return stats.get(current(new Scoped<>(Optional.empty(), visible)));
    }

    /** Statistics of one folder ({@code ""}: the datasets at the lake root); empty when no dataset is in it. */
    public Optional<CatalogStats> folderStats(String folder) {
        return Optional.ofNullable(stats.get(current(new Scoped<>(Optional.of(folder), VisibleFolders.ALL))));
    }

    public CatalogStats.Quick quickStats() {
        return quickStats(VisibleFolders.ALL);
    }

    public CatalogStats.Quick quickStats(VisibleFolders visible) {
        return quickStats.get(current(visible));
    }

    private List<CatalogStats.Folder> computeFolders() {
        String text =
                "SELECT folder, count(*), coalesce(sum(size_bytes), 0) FROM datasets GROUP BY folder ORDER BY folder";
        return query(text, rs -> new CatalogStats.Folder(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    private List<CatalogStats.FolderDataPoints> computeDataPointsByFolder() {
        String text =
                "SELECT folder, coalesce(sum(community_data_points), 0) FROM datasets GROUP BY folder ORDER BY folder";
        return query(text, rs -> new CatalogStats.FolderDataPoints(rs.getString(1), rs.getLong(2)));
    }

    private CatalogStats.Quick computeQuickStats(VisibleFolders visible) {
        DatasetSql sql = DatasetSql.where(DatasetFilter.NONE, visible);
        String text =
                "SELECT count(*), count(DISTINCT d.folder), max(d.last_modified) FROM datasets d" + sql.whereClause();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(text)) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CatalogStats.Quick(rs.getLong(1), rs.getLong(2), DatasetRows.instant(rs, 3));
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot compute quick statistics", e);
        }
    }

    public boolean isEmpty() {
        return query("SELECT 1 FROM datasets LIMIT 1", rs -> 1).isEmpty();
    }

    private Optional<CatalogStats> computeStats(Optional<String> folder, VisibleFolders visible) {
        DatasetSql sql = DatasetSql.where(
                new DatasetFilter(
                        folder,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                visible);
        String where = sql.whereClause();
        try (Connection c = dataSource.getConnection()) {
            long count;
            long bytes;
            long folders;
            long dataPoints;
            Instant lastUpdated;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(size_bytes), 0), "
                    + "count(DISTINCT folder), coalesce(sum(community_data_points), 0), max(last_modified) "
                    + "FROM datasets d" + where)) {
                sql.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    bytes = rs.getLong(2);
                    folders = rs.getLong(3);
                    dataPoints = rs.getLong(4);
                    lastUpdated = DatasetRows.instant(rs, 5);
                }
            }
            if (folder.isPresent() && count == 0) {
                return Optional.empty();
            }
            Map<String, Long> formats = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT format, count(*) FROM datasets d" + where
                    + " GROUP BY format ORDER BY count(*) DESC, format")) {
                sql.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        formats.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Instant lastRefresh;
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT max(finished_at) FROM refresh_log WHERE state = 'FINISHED'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastRefresh = DatasetRows.instant(rs, 1);
            }
            return Optional.of(new CatalogStats(count, bytes, folders, formats, dataPoints, lastUpdated, lastRefresh));
        } catch (SQLException e) {
            throw new CatalogException("Cannot compute catalog statistics", e);
        }
    }

    private long count(DatasetFilter filter, VisibleFolders visible) {
        DatasetSql sql = DatasetSql.where(filter, visible);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM datasets d" + sql.whereClause())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot count datasets", e);
        }
    }

    /** The list columns of {@code d}, then its tags, then its download count. */
    private static String prefixed() {
        return "d." + DatasetRows.LIST_COLUMNS.replace(", ", ", d.") + ", " + DatasetRows.TAGS_COLUMN
                + ", d.download_count";
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String text, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(text);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new CatalogException("Catalog query failed", e);
        }
    }
}
