package io.headroom.load.advise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EXPLAIN of one statement, in a read-only transaction that is always rolled back, so nothing the advisor runs can
 * change the database. A statement with parameters is explained with its generic plan: prepared, with
 * {@code plan_cache_mode = force_generic_plan} (PostgreSQL 12+; 16's {@code EXPLAIN (GENERIC_PLAN)} does the same)
 * and executed with NULLs, which the generic plan does not look at. EXPLAIN ANALYZE (which runs the statement) only
 * when asked, and only for statements without parameters: with NULLs it would measure nothing.
 */
final class PlanExplainer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DOLLAR = Pattern.compile("\\$(\\d+)");

    private PlanExplainer() {}

    /** The plan's root object ({@code Plan}, and with ANALYZE {@code Execution Time}); throws when it cannot be planned. */
    static JsonNode explain(Connection c, String sql, boolean analyze, int id) throws SQLException {
        String numbered = numbered(sql);
        int params = parameters(numbered);
        boolean run = analyze && params == 0;
        String options = "FORMAT JSON, VERBOSE" + (run ? ", ANALYZE, BUFFERS" : "");
        c.setAutoCommit(false);
        c.setReadOnly(true);
        String name = "headroom_advise_" + id;
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
            String text;
            if (params == 0) {
                text = single(s, "EXPLAIN (" + options + ") " + numbered);
            } else {
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                s.execute("PREPARE " + name + " AS " + numbered);
                try {
                    text = single(
                            s,
                            "EXPLAIN (" + options + ") EXECUTE " + name + "("
                                    + String.join(", ", Collections.nCopies(params, "NULL")) + ")");
                } finally {
                    c.rollback(); // PREPARE is not transactional: the DEALLOCATE below undoes it
                    try (Statement d = c.createStatement()) {
                        d.execute("DEALLOCATE " + name);
                    }
                }
            }
            return MAPPER.readTree(text).get(0);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable plan: " + e.getMessage(), e);
        } finally {
            c.rollback();
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            StringBuilder b = new StringBuilder();
            while (r.next()) {
                b.append(r.getString(1)).append('\n');
            }
            return b.toString();
        }
    }

    /** {@code ?} placeholders (the query monitor's normalised text) as {@code $1..$n}; {@code $n} kept. */
    static String numbered(String sql) {
        if (DOLLAR.matcher(sql).find()) {
            return sql;
        }
        StringBuilder b = new StringBuilder();
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (ch == '?' && !quoted) {
                b.append('$').append(++n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    static int parameters(String numbered) {
        int max = 0;
        Matcher m = DOLLAR.matcher(numbered);
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    /** Rows of a table as the planner knows them (pg_class.reltuples; -1 never analysed). */
    static long tableRows(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } finally {
            c.rollback();
        }
    }

    /** The columns of an index, in order (expressions as their text). */
    static List<String> indexColumns(Connection c, String schema, String index) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_get_indexdef(i.indexrelid, k, true) FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace, "
                + "generate_series(1, i.indnkeyatts) k WHERE n.nspname = ? AND c.relname = ? ORDER BY k")) {
            p.setString(1, schema);
            p.setString(2, index);
            List<String> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } finally {
            c.rollback();
        }
    }
}
