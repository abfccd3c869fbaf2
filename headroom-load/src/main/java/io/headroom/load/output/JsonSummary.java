package io.headroom.load.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.load.diagnose.DiagnosisJson;
import io.headroom.load.executor.Segment;
import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.scenario.ScenarioException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The JSON summary ({@code summary.json}): run facts, Total and per-label figures, thresholds and
 * regressions. It is also the baseline format read back by {@code --baseline}.
 */
public final class JsonSummary {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonSummary() {}

    public static void write(RunReport report, Path file) throws IOException {
        write(report, Segment.WHOLE, file);
    }

    /** The summary of one segment's run: it names the segment, which {@code headroom merge} checks. */
    public static void write(RunReport report, Segment segment, Path file) throws IOException {
        ObjectNode json = toJson(report);
        if (!segment.isWhole()) {
            json.put("segment", segment.toString());
        }
        Files.writeString(file, MAPPER.writeValueAsString(json));
    }

    public static ObjectNode toJson(RunReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("target", r.target());
        root.put("executor", r.executor());
        root.put("startEpochMillis", r.startEpochMillis());
        root.put("durationSeconds", r.summary().durationSeconds());
        root.put("dropped", r.summary().dropped());
        root.put("passed", r.passed());
        root.put("anySucceeded", r.anySucceeded());
        root.put("percentileMethod", RunReport.PERCENTILE_METHOD);
        root.set("preparation", MAPPER.valueToTree(r.preparation()));
        if (r.stopReason() != null) {
            root.put("stopReason", r.stopReason());
        }
        root.set("total", MAPPER.valueToTree(r.summary().total()));
        ObjectNode labels = root.putObject("labels");
        for (LabelSummary l : r.summary().labels()) {
            labels.set(l.label(), MAPPER.valueToTree(l));
        }
        ArrayNode thresholds = root.putArray("thresholds");
        for (ThresholdResult t : r.thresholds()) {
            ObjectNode n = thresholds.addObject();
            n.put("scope", t.spec().scope());
            if (t.spec().label() != null) {
                n.put("label", t.spec().label()); // read back by headroom merge
            }
            n.put("threshold", t.spec().threshold().expression());
            if (Double.isNaN(t.actual())) {
                n.putNull("actual");
            } else {
                n.put("actual", t.actual());
            }
            n.put("passed", t.passed());
        }
        ArrayNode regressions = root.putArray("regressions");
        for (Regression g : r.regressions()) {
            regressions.add(MAPPER.valueToTree(g));
        }
        if (r.warmup() != null) {
            // Reported apart: never in total, labels or thresholds.
            ObjectNode warmup = root.putObject("warmup");
            warmup.put("durationSeconds", r.warmup().durationSeconds());
            warmup.put("dropped", r.warmup().dropped());
            warmup.set("total", MAPPER.valueToTree(r.warmup().total()));
            ObjectNode warmLabels = warmup.putObject("labels");
            for (LabelSummary l : r.warmup().labels()) {
                warmLabels.set(l.label(), MAPPER.valueToTree(l));
            }
        }
        if (r.behindSchedule() != null) {
            root.set("behindSchedule", MAPPER.valueToTree(r.behindSchedule()));
        }
        // One point per second (elapsedSeconds, intervalSeconds, vus (busy), rps, errorsPerSecond, p50, p95, p99,
        // requests, errors, dropped, maxSendLagMs).
        root.set("series", MAPPER.valueToTree(r.series()));
        if (r.server() != null) {
            root.set("server", ServerJson.toJson(r.server()));
        }
        if (r.diagnosis() != null) {
            root.set("diagnosis", DiagnosisJson.toJson(r.diagnosis()));
        }
        return root;
    }

    /** A baseline's Total p95 (ms) and error rate, and the whole summary (to name the causes of a regression). */
    public record Baseline(double p95, double errorRate, JsonNode summary) {}

    public static Baseline readBaseline(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            JsonNode total = root.path("total");
            if (!total.path("p95").isNumber() || !total.path("errorRate").isNumber()) {
                throw new ScenarioException(file + ": not a headroom summary.json (no total.p95 / total.errorRate)");
            }
            return new Baseline(
                    total.get("p95").asDouble(), total.get("errorRate").asDouble(), root);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ScenarioException("--baseline " + file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException("--baseline " + file + ": not valid JSON: " + e.getMessage());
        }
    }
}
