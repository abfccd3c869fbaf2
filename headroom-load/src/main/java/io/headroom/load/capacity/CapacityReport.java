package io.headroom.load.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.load.output.CapacityHtml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The capacity search's outputs: the terminal summary, {@code capacity.json} (the knee, the limiting resource and
 * the instances for the target rate: what a capacity plan reads) and {@code capacity.html} (the curve of offered
 * against achieved rate and latency, as inline SVG).
 */
public final class CapacityReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacityReport() {}

    public static void print(CapacityResult r, PrintStream out) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Capacity search: %d steps in %.0f s, goals %s; stopped: %s%n",
                r.steps().size(),
                r.elapsedSeconds(),
                CapacitySearch.goals(r.settings()),
                r.stoppedBy());
        if (r.knee() == null) {
            out.println("Knee: none: no rate tried met the goals.");
        } else {
            out.printf(
                    Locale.ROOT,
                    "Knee: %d/s offered (%.1f/s achieved, p99 %.1f ms, errors %.2f%%)%s%n",
                    r.knee().offered(),
                    r.knee().achieved(),
                    r.knee().p99(),
                    r.knee().errorRate() * 100,
                    r.limit() == null
                            ? ""
                            : "; " + r.limit().offered() + "/s misses "
                                    + String.join(", ", r.limit().failedGoals()));
        }
        out.println("Limiting resource at the knee: " + r.limitingResource());
        if (r.settings().targetRate() > 0 && r.knee() != null) {
            out.printf(
                    Locale.ROOT,
                    "Instances for %.0f/s: %d (target / knee, if instances scale linearly and share "
                            + "nothing that saturates first, such as the database)%n",
                    r.settings().targetRate(),
                    r.instancesNeeded());
        }
    }

    public static ObjectNode toJson(CapacityResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        r.settings().goals().forEach(g -> root.withArray("goals").add(g.expression()));
        root.put("stoppedBy", r.stoppedBy());
        root.put("elapsedSeconds", r.elapsedSeconds());
        if (r.knee() != null) {
            root.set("knee", MAPPER.valueToTree(r.knee()));
        }
        if (r.limit() != null) {
            root.set("limit", MAPPER.valueToTree(r.limit()));
        }
        root.put("limitingResource", r.limitingResource());
        if (r.limitingCategory() != null) {
            root.put("limitingCategory", r.limitingCategory());
        }
        if (r.settings().targetRate() > 0) {
            root.put("targetRate", r.settings().targetRate());
            root.put("instancesNeeded", r.instancesNeeded());
        }
        root.set("steps", MAPPER.valueToTree(r.steps()));
        return root;
    }

    public static void write(CapacityResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("capacity.json"), MAPPER.writeValueAsString(toJson(r)));
        Files.writeString(dir.resolve("capacity.html"), CapacityHtml.render(r, sorted(r.steps())));
    }

    static List<CapacityResult.Step> sorted(List<CapacityResult.Step> steps) {
        return steps.stream()
                .sorted(Comparator.comparingInt(CapacityResult.Step::offered))
                .toList();
    }
}
