package io.headroom.explorer.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** Reads of the catalog: dataset pages, single datasets, folders and statistics. Plain JDBC. */
public final class DatasetRepository {
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    /**
     * How long a list total may be reused. An unfiltered count(*) over a million rows costs tens of
     * milliseconds on every page; the total of a filter changes only when a refresh writes, which
     * calls {@link #catalogChanged()}. The expiry bounds staleness when another instance wrote.
     */
    private static final Duration TOTAL_TTL = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Cache<DatasetFilter, Long> totals = Caffeine.newBuilder()
            .expireAfterWrite(TOTAL_TTL)
            .maximumSize(10_000)
            .build();

    public DatasetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets cached totals and tells the listeners (the response cache); called after every committed catalog write. */
    public void catalogChanged() {
        totals.invalidateAll();
        changeListeners.forEach(Runnable::run);
    }

    /** Runs the listener after every committed catalog write (on the writing thread). */
    public void onCatalogChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    public DatasetPage page(DatasetQuery query) {
        DatasetSql sql = DatasetSql.where(query.filter());
        Long offset = null;
        if (query.position() instanceof DatasetQuery.After after) {
            sql.after(after.cursor());
        } else if (query.position() instanceof DatasetQuery.Offset o) {
            offset = o.rows();
        }
        // One row more than asked tells whether a next page exists without a second query.
        String text = "SELECT " + prefixed() + " FROM datasets d" + sql.whereClause()
                + DatasetSql.orderBy(query.sort()) + " LIMIT ? OFFSET ?";
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
            List<Dataset> items = withTags(c, hasNext ? rows.subList(0, query.limit()) : rows);
            String nextCursor = hasNext ? PageCursor.after(query.sort(), items.getLast()).encode() : null;
            boolean hasPrevious = offset == null || offset > 0;
            long total = total(c, query.filter());
            return new DatasetPage(items, total, query.limit(), offset, nextCursor, hasNext, hasPrevious);
        } catch (SQLException e) {
            throw new CatalogException("Cannot list datasets", e);
        }
    }

    public Optional<Dataset> byId(long id) {
        String text = "SELECT " + prefixed() + ", d.columns_json FROM datasets d WHERE d.id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(text)) {
            ps.setLong(1, id);
            Dataset dataset;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                dataset = DatasetRows.read(rs, DatasetRows.columns(rs.getString(15)));
            }
            return Optional.of(withTags(c, List.of(dataset)).getFirst());
        } catch (SQLException e) {
            throw new CatalogException("Cannot read dataset " + id, e);
        }
    }

    public List<CatalogStats.Folder> folders() {
        String text = "SELECT folder, count(*), coalesce(sum(size_bytes), 0) FROM datasets GROUP BY folder ORDER BY folder";
        return query(text, rs -> new CatalogStats.Folder(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    public List<CatalogStats.FolderDataPoints> communityDataPointsByFolder() {
        String text = "SELECT folder, coalesce(sum(community_data_points), 0) FROM datasets GROUP BY folder ORDER BY folder";
        return query(text, rs -> new CatalogStats.FolderDataPoints(rs.getString(1), rs.getLong(2)));
    }

    public CatalogStats stats() {
        return stats(Optional.empty()).orElseThrow();
    }

    /** Statistics of one folder; empty when no dataset is in it. */
    public Optional<CatalogStats> folderStats(String folder) {
        return stats(Optional.of(folder));
    }

    public CatalogStats.Quick quickStats() {
        String text = "SELECT count(*), count(DISTINCT folder), max(last_modified) FROM datasets";
        return query(text, rs -> new CatalogStats.Quick(rs.getLong(1), rs.getLong(2), DatasetRows.instant(rs, 3)))
                .getFirst();
    }

    public boolean isEmpty() {
        return query("SELECT 1 FROM datasets LIMIT 1", rs -> 1).isEmpty();
    }

    private Optional<CatalogStats> stats(Optional<String> folder) {
        String where = folder.isPresent() ? " WHERE folder = ?" : "";
        try (Connection c = dataSource.getConnection()) {
            long count;
            long bytes;
            long folders;
            long dataPoints;
            java.time.Instant lastUpdated;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(size_bytes), 0), "
                    + "count(DISTINCT folder), coalesce(sum(community_data_points), 0), max(last_modified) "
                    + "FROM datasets" + where)) {
                if (folder.isPresent()) {
                    ps.setString(1, folder.get());
                }
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
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT format, count(*) FROM datasets" + where + " GROUP BY format ORDER BY count(*) DESC, format")) {
                if (folder.isPresent()) {
                    ps.setString(1, folder.get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        formats.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            java.time.Instant lastRefresh;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT max(finished_at) FROM refresh_log WHERE state = 'FINISHED'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastRefresh = DatasetRows.instant(rs, 1);
            }
            return Optional.of(new CatalogStats(count, bytes, folders, formats, dataPoints, lastUpdated, lastRefresh));
        } catch (SQLException e) {
            throw new CatalogException("Cannot compute catalog statistics", e);
        }
    }

    private long total(Connection c, DatasetFilter filter) throws SQLException {
        Long cached = totals.getIfPresent(filter);
        if (cached != null) {
            return cached;
        }
        DatasetSql sql = DatasetSql.where(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM datasets d" + sql.whereClause())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long total = rs.getLong(1);
                totals.put(filter, total);
                return total;
            }
        }
    }

    /** Fills the tags of a page's datasets with one query (not one per dataset). */
    private static List<Dataset> withTags(Connection c, List<Dataset> datasets) throws SQLException {
        if (datasets.isEmpty()) {
            return datasets;
        }
        String placeholders = String.join(", ", Collections.nCopies(datasets.size(), "?"));
        Map<Long, List<String>> tags = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dataset_id, tag FROM dataset_tags WHERE dataset_id IN (" + placeholders + ") ORDER BY tag")) {
            for (int i = 0; i < datasets.size(); i++) {
                ps.setLong(i + 1, datasets.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Dataset> result = new ArrayList<>(datasets.size());
        for (Dataset dataset : datasets) {
            result.add(dataset.withTags(tags.getOrDefault(dataset.id(), List.of())));
        }
        return result;
    }

    private static String prefixed() {
        return "d." + DatasetRows.LIST_COLUMNS.replace(", ", ", d.");
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String text, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(text);
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
