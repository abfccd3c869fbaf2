package io.headroom.load.advise;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan (EXPLAIN FORMAT JSON, VERBOSE) for what an index would fix: a sequential scan that filters a large
 * table, a sort the rows could have come in from an index, an index scan that fetches every row from the heap for
 * a few columns an index could carry. Gains are rough, from the planner's own estimates: a filtered scan becomes
 * about one random page per row it keeps ({@value #RANDOM_PAGE_COST}, PostgreSQL's default random_page_cost).
 */
final class PlanAdvice {

    static final double RANDOM_PAGE_COST = 4.0;
    private static final Pattern COMPARISON = Pattern.compile(
            "(?<![\\w.])(?:\\w+\\.)?([a-z_][a-z0-9_]*)(?:\\)?::\\w+(?: \\w+)*)?\\s*(=|<>|<=|>=|<|>|~~\\*|~~)\\s");
    private static final Pattern LOWER_LIKE =
            Pattern.compile("(lower|upper)\\(\\(?(?:\\w+\\.)?([a-z_][a-z0-9_]*)\\)?(?:::\\w+)?\\)\\s*~~");

    private PlanAdvice() {}

    static List<IndexSuggestion> of(JsonNode explained, Connection c, long largeTable) throws SQLException {
        JsonNode root = explained.path("Plan");
        double total = root.path("Total Cost").asDouble();
        List<IndexSuggestion> out = new ArrayList<>();
        walk(root, null, total, c, largeTable, out);
        return out;
    }

    private static void walk(
            JsonNode node, JsonNode sortAbove, double total, Connection c, long large, List<IndexSuggestion> out)
            throws SQLException {
        String type = node.path("Node Type").asText();
        JsonNode sort = "Sort".equals(type) || "Incremental Sort".equals(type)
                ? node
                : "Limit".equals(type) || "Result".equals(type) ? sortAbove : null;
        if (type.equals("Seq Scan") || type.equals("Index Scan")) {
            String schema = node.path("Schema").asText("public");
            String table = node.path("Relation Name").asText();
            long rows = PlanExplainer.tableRows(c, schema, table);
            if (rows >= large) {
                IndexSuggestion s = type.equals("Seq Scan")
                        ? seqScan(node, sortAbove, schema, table, rows, total)
                        : indexOnly(node, schema, table, rows, total, c);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, sort, total, c, large, out);
        }
    }

    private static IndexSuggestion seqScan(
            JsonNode scan, JsonNode sort, String schema, String table, long rows, double total) {
        String filter = scan.path("Filter").asText("");
        String alias = scan.path("Alias").asText(table);
        List<String> sortKeys = sort == null ? List.of() : sortKeys(sort, alias);
        if (filter.isEmpty() && sortKeys.isEmpty()) {
            return null; // reads the whole table on purpose: no index helps
        }
        double kept = scan.path("Plan Rows").asDouble();
        double scanCost = scan.path("Total Cost").asDouble();
        double sortCost = sort == null ? 0 : sort.path("Total Cost").asDouble() - scanCost;
        String qualified = schema + "." + table;
        Matcher like = LOWER_LIKE.matcher(filter);
        if (like.find()) {
            String expr = like.group(1) + "(" + like.group(2) + ")";
            return new IndexSuggestion(
                    IndexSuggestion.Kind.SEQUENTIAL_SCAN_ON_LARGE_TABLE,
                    qualified,
                    List.of(expr),
                    "CREATE INDEX ON " + qualified + " USING gin ((" + expr + ") gin_trgm_ops);",
                    String.format(
                            Locale.ROOT,
                            "Seq Scan reads all ~%,d rows of %s to keep ~%,.0f (filter %s); a "
                                    + "LIKE on %s can use a trigram index (pg_trgm), not a btree, when the pattern starts with %%",
                            rows,
                            qualified,
                            kept,
                            filter,
                            expr),
                    total,
                    total - scanCost + kept * RANDOM_PAGE_COST + 4);
        }
        List<String> columns = new ArrayList<>(filterColumns(filter));
        boolean sorted = !sortKeys.isEmpty() && filterColumns(filter).stream().allMatch(f -> equality(filter, f));
        if (sorted) {
            sortKeys.stream().filter(k -> !columns.contains(k)).forEach(columns::add);
        }
        if (columns.isEmpty()) {
            return null;
        }
        String reason = filter.isEmpty()
                ? String.format(
                        Locale.ROOT,
                        "Seq Scan reads all ~%,d rows of %s and sorts them by %s; an index in "
                                + "that order returns them sorted (and a LIMIT stops early)",
                        rows,
                        qualified,
                        String.join(", ", sortKeys))
                : String.format(
                        Locale.ROOT,
                        "Seq Scan reads all ~%,d rows of %s to keep ~%,.0f (filter %s)%s",
                        rows,
                        qualified,
                        kept,
                        filter,
                        sorted
                                ? ", then sorts them by " + String.join(", ", sortKeys)
                                        + "; with the sort keys after the filter columns the index also returns them in order"
                                : "");
        double after = total - scanCost - (sorted ? sortCost : 0) + kept * RANDOM_PAGE_COST + 4;
        return new IndexSuggestion(
                filter.isEmpty()
                        ? IndexSuggestion.Kind.SORT_WITHOUT_INDEX
                        : IndexSuggestion.Kind.SEQUENTIAL_SCAN_ON_LARGE_TABLE,
                qualified,
                List.copyOf(columns),
                "CREATE INDEX ON " + qualified + " (" + String.join(", ", columns) + ");",
                reason,
                total,
                Math.max(after, 0));
    }

    /** An Index Scan that visits the heap for a few columns the index could carry: a covering index allows Index Only. */
    private static IndexSuggestion indexOnly(
            JsonNode scan, String schema, String table, long rows, double total, Connection c) throws SQLException {
        String alias = scan.path("Alias").asText(table);
        Set<String> output = new LinkedHashSet<>();
        for (JsonNode o : scan.path("Output")) {
            String col = column(o.asText(), alias);
            if (col == null) {
                return null; // an expression or a whole row: not a handful of columns
            }
            output.add(col);
        }
        List<String> key =
                PlanExplainer.indexColumns(c, schema, scan.path("Index Name").asText());
        List<String> include = output.stream().filter(o -> !key.contains(o)).toList();
        if (key.isEmpty() || output.isEmpty() || include.isEmpty() || include.size() > 3) {
            return null;
        }
        double fetched = scan.path("Plan Rows").asDouble();
        String qualified = schema + "." + table;
        return new IndexSuggestion(
                IndexSuggestion.Kind.INDEX_ONLY_SCAN_POSSIBLE,
                qualified,
                List.copyOf(output),
                "CREATE INDEX ON " + qualified + " (" + String.join(", ", key) + ") INCLUDE ("
                        + String.join(", ", include) + ");",
                String.format(
                        Locale.ROOT,
                        "Index Scan on %s fetches ~%,.0f rows of %s (~%,d rows) from the heap only for "
                                + "%s; an index that includes them answers from the index alone (Index Only Scan)",
                        scan.path("Index Name").asText(),
                        fetched,
                        qualified,
                        rows,
                        String.join(", ", include)),
                total,
                Math.max(0, total - fetched * RANDOM_PAGE_COST * 0.5));
    }

    /** A plain column of this alias ({@code alias.col}, or {@code col} when VERBOSE leaves a single table unqualified). */
    private static String column(String text, String alias) {
        String col = text.startsWith(alias + ".") ? text.substring(alias.length() + 1) : text;
        return col.matches("[a-z_][a-z0-9_]*") ? col : null;
    }

    /** Columns compared in a filter, equality first (their order in the index matters: equality, then range). */
    static List<String> filterColumns(String filter) {
        Set<String> eq = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        Matcher m = COMPARISON.matcher(filter);
        while (m.find()) {
            (m.group(2).equals("=") ? eq : other).add(m.group(1));
        }
        other.removeAll(eq);
        List<String> out = new ArrayList<>(eq);
        out.addAll(other);
        return out;
    }

    private static boolean equality(String filter, String column) {
        Matcher m = COMPARISON.matcher(filter);
        while (m.find()) {
            if (m.group(1).equals(column) && !m.group(2).equals("=")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sortKeys(JsonNode sort, String alias) {
        List<String> keys = new ArrayList<>();
        for (JsonNode k : sort.path("Sort Key")) {
            String key = k.asText();
            String direction = key.endsWith(" DESC") ? " DESC" : "";
            String col = column(direction.isEmpty() ? key : key.substring(0, key.length() - 5), alias);
            if (col == null) {
                return List.of(); // sorts by something of another table or an expression
            }
            keys.add(col + direction);
        }
        return keys;
    }
}
