package io.headroom.explorer.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the parameterised SQL of a dataset list. User text only ever travels as a bind parameter;
 * the SQL text is assembled from fixed fragments (column names come from {@link DatasetSort.Field}).
 */
final class DatasetSql {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private DatasetSql() {}

    /** The WHERE clause (possibly empty) and its parameters for a filter. */
    static DatasetSql where(DatasetFilter filter) {
        return where(filter, VisibleFolders.ALL);
    }

    /** As {@link #where(DatasetFilter)}, restricted to the folders the caller may see. */
    static DatasetSql where(DatasetFilter filter, VisibleFolders visible) {
        DatasetSql sql = new DatasetSql();
        sql.visible(visible);
        filter.folder().ifPresent(v -> sql.and("d.folder = ?", v));
        filter.format().ifPresent(v -> sql.and("d.format = ?", v.apiName()));
        filter.tag()
                .ifPresent(v ->
                        sql.and("EXISTS (SELECT 1 FROM dataset_tags t WHERE t.dataset_id = d.id AND t.tag = ?)", v));
        // lower(name) LIKE: the PostgreSQL trigram index is built on lower(name), so the expression must match.
        filter.nameContains()
                .ifPresent(v -> sql.and(
                        "lower(d.name) LIKE ? ESCAPE '\\'", "%" + escapeLike(v.toLowerCase(Locale.ROOT)) + "%"));
        filter.minSize().ifPresent(v -> sql.and("d.size_bytes >= ?", v));
        filter.maxSize().ifPresent(v -> sql.and("d.size_bytes <= ?", v));
        filter.modifiedAfter().ifPresent(v -> sql.and("d.last_modified >= ?", DatasetRows.timestamp(v)));
        filter.modifiedBefore().ifPresent(v -> sql.and("d.last_modified < ?", DatasetRows.timestamp(v)));
        return sql;
    }

    /**
     * The access restriction: {@code d.folder IN (...)} over the caller's visible folders, one bind
     * parameter each; no folder at all is a condition nothing meets. Like the folder filter, it is
     * served by the indexes that start with folder (EXPLAIN in docs/users-and-access.md).
     */
    DatasetSql visible(VisibleFolders visible) {
        if (visible.only().isEmpty()) {
            return this;
        }
        List<String> folders = visible.only().get();
        if (folders.isEmpty()) {
            where.append(where.isEmpty() ? "" : " AND ").append("1 = 0");
            return this;
        }
        where.append(where.isEmpty() ? "" : " AND ")
                .append("d.folder IN (")
                .append("?, ".repeat(folders.size() - 1))
                .append("?)");
        parameters.addAll(folders);
        return this;
    }

    /**
     * Keyset condition: rows strictly after the cursor in (sort value, id) order. Written as a row
     * comparison so PostgreSQL turns it into one index range start instead of an OR of two ranges.
     */
    DatasetSql after(PageCursor cursor) {
        String column = cursor.sort().field().column();
        String op = cursor.sort().descending() ? "<" : ">";
        Object value = cursor.value() instanceof Instant instant ? DatasetRows.timestamp(instant) : cursor.value();
        and("(d." + column + ", d.id) " + op + " (?, ?)", value);
        parameters.add(cursor.id());
        return this;
    }

    /**
     * The FROM clause. With a name search it is a subquery behind an {@code OFFSET 0} fence: otherwise
     * PostgreSQL may walk the name index in sort order hoping to meet matches early, which is a full
     * scan when the matches sort late (measured: 6 s vs 30 ms, docs/catalog-query-plans.md). Behind
     * the fence it finds the matches through the trigram index and sorts only those.
     */
    static String from(DatasetFilter filter, DatasetSql sql) {
        if (filter.nameContains().isEmpty()) {
            return " FROM datasets d" + sql.whereClause();
        }
        return " FROM (SELECT * FROM datasets d" + sql.whereClause() + " OFFSET 0) d";
    }

    String whereClause() {
        return where.isEmpty() ? "" : " WHERE " + where;
    }

    static String orderBy(DatasetSort sort) {
        String direction = sort.descending() ? " DESC" : "";
        return " ORDER BY d." + sort.field().column() + direction + ", d.id" + direction;
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            ps.setObject(index++, parameter);
        }
        return index;
    }

    private void and(String condition, Object parameter) {
        where.append(where.isEmpty() ? "" : " AND ").append(condition);
        parameters.add(parameter);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
