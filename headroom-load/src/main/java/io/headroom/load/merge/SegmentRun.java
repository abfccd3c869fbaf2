package io.headroom.load.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.executor.Segment;
import io.headroom.load.measure.IntervalLog;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import io.headroom.load.scenario.ThresholdSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One process's output directory ({@code headroom load --out DIR}, usually with {@code --segment i/n}): its
 * {@code summary.json} for the run's facts and thresholds, its interval log and its JTL.
 *
 * @param segment the segment it ran, or null for a whole run
 * @param summary the parsed summary.json
 */
record SegmentRun(Path dir, Segment segment, JsonNode summary) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static SegmentRun read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException(dir + ": not a directory (give the --out directories of headroom load runs)");
        }
        for (String name : List.of("summary.json", IntervalLog.FILE, "results.jtl")) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new ScenarioException(dir + ": no " + name + " (not the --out directory of a headroom load run, "
                        + "or one from a version that wrote no interval log)");
            }
        }
        JsonNode summary;
        try {
            summary = MAPPER.readTree(dir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new ScenarioException(dir.resolve("summary.json") + ": not valid JSON: " + e.getMessage());
        }
        if (!summary.path("startEpochMillis").isNumber()
                || !summary.path("durationSeconds").isNumber()) {
            throw new ScenarioException(dir.resolve("summary.json") + ": not a headroom load summary");
        }
        Segment segment = summary.hasNonNull("segment")
                ? Segment.parse(summary.get("segment").asText())
                : null;
        return new SegmentRun(dir, segment, summary);
    }

    Path intervalLog() {
        return dir.resolve(IntervalLog.FILE);
    }

    Path jtl() {
        return dir.resolve("results.jtl");
    }

    String scenario() {
        return summary.path("scenario").asText();
    }

    long startEpochMillis() {
        return summary.get("startEpochMillis").asLong();
    }

    long endEpochMillis() {
        return startEpochMillis() + Math.round(summary.get("durationSeconds").asDouble() * 1000);
    }

    long dropped() {
        return summary.path("dropped").asLong();
    }

    /** The thresholds the run was given (re-parsed from their text; abort-on-fail has no meaning after the fact). */
    List<ThresholdSpec> thresholds() {
        List<ThresholdSpec> specs = new ArrayList<>();
        for (JsonNode t : summary.path("thresholds")) {
            String label = t.hasNonNull("label") ? t.get("label").asText() : null;
            specs.add(
                    new ThresholdSpec(label, Threshold.parse(t.path("threshold").asText()), false));
        }
        return specs;
    }

    /** Bytes received and sent, cache hits and misses, of one label ({@code null}: all requests). */
    long[] sums(String label) {
        JsonNode node =
                label == null ? summary.path("total") : summary.path("labels").path(label);
        return new long[] {
            node.path("bytesReceived").asLong(),
            node.path("bytesSent").asLong(),
            node.path("cacheHits").asLong(),
            node.path("cacheMisses").asLong()
        };
    }
}
