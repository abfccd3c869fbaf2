package io.headroom.load.diagnose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The diagnosis as JSON ({@code diagnosis} in summary.json, {@code analyze --server ... --json}). NaN is left out. */
public final class DiagnosisJson {

    private DiagnosisJson() {}

    public static ObjectNode toJson(Diagnosis d) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("serverSide", d.serverSide());
        if (d.note() != null) {
            root.put("note", d.note());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            ObjectNode n = findings.addObject();
            n.put("category", f.category().name().toLowerCase(Locale.ROOT));
            n.put("title", f.title());
            n.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            n.put("impact", f.impact());
            n.put("share", f.share());
            f.labels().forEach(n.putArray("labels")::add);
            f.routes().forEach(n.putArray("routes")::add);
            ArrayNode evidence = n.putArray("evidence");
            for (Finding.Evidence e : f.evidence()) {
                ObjectNode x = evidence.addObject();
                x.put("series", e.series());
                x.put("bound", e.bound());
                if (e.firstSecond() >= 0) {
                    x.put("firstSecond", e.firstSecond());
                }
                x.put("secondsCrossed", e.secondsCrossed());
                x.put("secondsSeen", e.secondsSeen());
                put(x, "peak", e.peak());
                put(x, "median", e.typical());
                put(x, "correlationWithClientP99", e.correlation());
                x.put("note", e.note());
            }
            ArrayNode recs = n.putArray("recommendations");
            f.recommendations()
                    .forEach(r ->
                            recs.addObject().put("horizon", r.horizon().text()).put("text", r.text()));
        }
        ArrayNode recs = root.putArray("recommendations");
        d.recommendations()
                .forEach(r -> recs.addObject()
                        .put("horizon", r.recommendation().horizon().text())
                        .put("text", r.recommendation().text())
                        .put("finding", r.finding().title()));
        return root;
    }

    private static void put(ObjectNode n, String field, double v) {
        if (!Double.isNaN(v)) {
            n.put(field, v);
        }
    }
}
