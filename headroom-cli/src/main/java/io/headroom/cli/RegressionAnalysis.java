package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.headroom.load.diagnose.RegressionCauses;
import io.headroom.load.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code analyze --baseline A --compare B}: which labels' p95 regressed, and the server-side changes that explain it. */
final class RegressionAnalysis {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegressionAnalysis() {}

    static int run(Path baseline, Path compare, double allowed, boolean json, PrintStream out) {
        List<RegressionCauses.LabelChange> changes = RegressionCauses.compare(read(baseline), read(compare), allowed);
        boolean regressed = changes.stream().anyMatch(RegressionCauses.LabelChange::regressed);
        if (json) {
            ArrayNode a = MAPPER.createArrayNode();
            for (RegressionCauses.LabelChange c : changes) {
                var n = a.addObject()
                        .put("label", c.label())
                        .put("p95Before", c.p95Before())
                        .put("p95After", c.p95After())
                        .put("change", c.change())
                        .put("regressed", c.regressed());
                c.causes().forEach(n.putArray("causes")::add);
            }
            out.println(a.toPrettyString());
        } else {
            out.printf(
                    Locale.ROOT,
                    "Regressions of %s against %s (p95 allowed +%.0f %%)%n",
                    compare,
                    baseline,
                    allowed * 100);
            for (RegressionCauses.LabelChange c : changes) {
                out.println("  " + (c.regressed() ? "REGRESSED " : "ok        ") + c.describe());
            }
        }
        return regressed ? 99 : 0;
    }

    static JsonNode read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null
                    || !root.path("total").isObject()
                    || !root.path("series").isArray()) {
                throw new ScenarioException(file + ": not a headroom load summary.json (no total and series)");
            }
            return root;
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
