package io.headroom.load.advise;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.load.scenario.ScenarioException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * ANA-4: the query advice. Takes the top statements by total time (pg_stat_statements, the service's query monitor,
 * a run's statements, statements given), EXPLAINs each read on the real database in a read-only transaction that
 * is rolled back, and suggests indexes with the plan's reasons and an estimated gain. It never changes the database:
 * the connection is read-only, every transaction is rolled back, and the suggested CREATE INDEX is only printed.
 */
public final class QueryAdvisor {

    /** Tables with fewer rows than this are read whole happily: no advice for them. */
    public static final long DEFAULT_LARGE_TABLE = 10_000;

    private QueryAdvisor() {}

    /**
     * @param statements statements from the other sources (may be empty); pg_stat_statements' top {@code top} are added
     * @param analyze EXPLAIN ANALYZE for statements without parameters (runs them, still read-only and rolled back)
     */
    public static QueryAdvice advise(
            String databaseUrl, List<CandidateStatement> statements, int top, boolean analyze, long largeTable) {
        List<String> notes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(databaseUrl))) {
            if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                throw new ScenarioException("--database: query advice needs PostgreSQL (got "
                        + c.getMetaData().getDatabaseProductName() + ")");
            }
            c.setReadOnly(true);
            c.setAutoCommit(false);
            List<CandidateStatement> all = new ArrayList<>(statements);
            all.addAll(StatementSources.pgStatStatements(c, top, notes));
            c.rollback();
            List<CandidateStatement> merged = StatementSources.merge(all);
            List<StatementAdvice> advice = new ArrayList<>();
            int id = 0;
            for (CandidateStatement s : merged.subList(0, Math.min(top, merged.size()))) {
                advice.add(adviseOne(c, s, analyze, largeTable, id++));
            }
            if (merged.isEmpty()) {
                notes.add("no statements to advise on: give --stats URL (a Headroom service), --summary summary.json, "
                        + "--statement SQL, or install pg_stat_statements");
            }
            return new QueryAdvice(List.copyOf(notes), List.copyOf(advice));
        } catch (SQLException e) {
            throw new ScenarioException("--database " + redacted(databaseUrl) + ": " + e.getMessage());
        }
    }

    private static StatementAdvice adviseOne(Connection c, CandidateStatement s, boolean analyze, long large, int id)
            throws SQLException {
        if (!s.isRead()) {
            return new StatementAdvice(
                    s, Double.NaN, null, Double.NaN, List.of(), "not a read: only SELECTs are explained");
        }
        try {
            JsonNode plan = PlanExplainer.explain(c, s.sql(), analyze, id);
            return new StatementAdvice(
                    s,
                    plan.path("Plan").path("Total Cost").asDouble(),
                    plan.path("Plan").path("Node Type").asText(),
                    plan.has("Execution Time") ? plan.get("Execution Time").asDouble() : Double.NaN,
                    PlanAdvice.of(plan, c, large),
                    null);
        } catch (SQLException e) {
            c.rollback();
            return new StatementAdvice(
                    s,
                    Double.NaN,
                    null,
                    Double.NaN,
                    List.of(),
                    "could not be explained: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A JDBC URL from {@code jdbc:postgresql://...} or {@code postgres(ql)://user@host/db}. */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI u = URI.create(url);
            String user = u.getUserInfo();
            String query = u.getQuery() == null ? "" : u.getQuery();
            if (user != null) {
                String[] up = user.split(":", 2);
                query = (query.isEmpty() ? "" : query + "&") + "user=" + up[0]
                        + (up.length > 1 ? "&password=" + up[1] : "");
            }
            return "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath()
                    + (query.isEmpty() ? "" : "?" + query);
        }
        throw new ScenarioException(
                "--database '" + redacted(url) + "': expected jdbc:postgresql://... or postgres://...");
    }

    static String redacted(String url) {
        return url.replaceAll("(password=)[^&]*", "$1***").replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    /** What the advisor found. */
    public record QueryAdvice(List<String> notes, List<StatementAdvice> statements) {}

    /**
     * One statement's plan and suggestions.
     *
     * @param skipped why it was not explained, or null
     */
    public record StatementAdvice(
            CandidateStatement statement,
            double planCost,
            String topNode,
            double executionMs,
            List<IndexSuggestion> suggestions,
            String skipped) {}
}
