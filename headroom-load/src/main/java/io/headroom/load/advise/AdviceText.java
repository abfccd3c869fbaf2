package io.headroom.load.advise;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;

/** The query advice as text (terminal) and JSON. */
public final class AdviceText {

    private AdviceText() {}

    public static void print(QueryAdvisor.QueryAdvice advice, PrintStream out) {
        out.println();
        out.println("Query advice (EXPLAIN on the database; nothing was changed)");
        advice.notes().forEach(n -> out.println("  Note: " + n + "."));
        int n = 1;
        for (QueryAdvisor.StatementAdvice a : advice.statements()) {
            CandidateStatement s = a.statement();
            out.printf(Locale.ROOT, "  %d. %s%n", n++, s.sql());
            out.printf(
                    Locale.ROOT,
                    "     from %s%s%s%n",
                    s.source(),
                    s.calls() > 0 ? ", " + s.calls() + " calls" : "",
                    Double.isNaN(s.totalMs()) ? "" : String.format(Locale.ROOT, ", %.1f ms in total", s.totalMs()));
            if (!s.routes().isEmpty() || !s.labels().isEmpty()) {
                out.println(
                        "     ran by: " + (s.labels().isEmpty() ? "" : "labels " + String.join(", ", s.labels()) + "  ")
                                + (s.routes().isEmpty() ? "" : "routes " + String.join(", ", s.routes())));
            }
            if (a.skipped() != null) {
                out.println("     skipped: " + a.skipped());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "     plan: %s, estimated cost %.1f%s%n",
                    a.topNode(),
                    a.planCost(),
                    Double.isNaN(a.executionMs())
                            ? ""
                            : String.format(Locale.ROOT, ", executed in %.3f ms", a.executionMs()));
            if (a.suggestions().isEmpty()) {
                out.println("     no index suggestion");
            }
            for (IndexSuggestion g : a.suggestions()) {
                out.println("     suggest: " + g.createIndex());
                out.println("       why: " + g.kind().text() + ": " + g.reasoning());
                out.printf(
                        Locale.ROOT,
                        "       estimated gain: plan cost %.1f -> ~%.1f (%.0f%% less; the planner's estimate)%n",
                        g.costBefore(),
                        g.costAfter(),
                        g.estimatedGain() * 100);
            }
        }
    }

    public static ObjectNode toJson(QueryAdvisor.QueryAdvice advice) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        advice.notes().forEach(root.putArray("notes")::add);
        var statements = root.putArray("statements");
        for (QueryAdvisor.StatementAdvice a : advice.statements()) {
            ObjectNode n = statements.addObject();
            n.put("sql", a.statement().sql())
                    .put("source", a.statement().source())
                    .put("calls", a.statement().calls());
            if (!Double.isNaN(a.statement().totalMs())) {
                n.put("totalMs", a.statement().totalMs());
            }
            a.statement().routes().forEach(n.putArray("routes")::add);
            a.statement().labels().forEach(n.putArray("labels")::add);
            if (a.skipped() != null) {
                n.put("skipped", a.skipped());
                continue;
            }
            n.put("topNode", a.topNode()).put("planCost", a.planCost());
            if (!Double.isNaN(a.executionMs())) {
                n.put("executionMs", a.executionMs());
            }
            var suggestions = n.putArray("suggestions");
            for (IndexSuggestion g : a.suggestions()) {
                ObjectNode x = suggestions
                        .addObject()
                        .put("kind", g.kind().name().toLowerCase(Locale.ROOT))
                        .put("table", g.table())
                        .put("createIndex", g.createIndex())
                        .put("reasoning", g.reasoning())
                        .put("costBefore", g.costBefore())
                        .put("costAfter", g.costAfter())
                        .put("estimatedGain", g.estimatedGain());
                g.columns().forEach(x.putArray("columns")::add);
            }
        }
        return root;
    }
}
