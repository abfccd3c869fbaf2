package io.headroom.load.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link RunEvidence} from a run's {@code summary.json} (the server timeline is its {@code server} object). */
public final class EvidenceReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvidenceReader() {}

    public static RunEvidence read(Path summaryJson) {
        try {
            JsonNode root = MAPPER.readTree(summaryJson.toFile());
            if (root == null
                    || !root.path("total").isObject()
                    || !root.path("series").isArray()) {
                throw new ScenarioException(summaryJson + ": not a headroom load summary.json (no total and series)");
            }
            return of(root);
        } catch (IOException e) {
            throw new ScenarioException(summaryJson + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public static RunEvidence of(JsonNode root) {
        JsonNode server = root.path("server");
        String status = serverStatus(server);
        Map<Long, List<JsonNode>> bySecond = new HashMap<>();
        for (JsonNode p : server.path("timeline")) {
            bySecond.computeIfAbsent(Math.round(p.path("elapsedSeconds").asDouble()), k -> new ArrayList<>())
                    .add(p);
        }
        List<RunEvidence.Second> seconds = new ArrayList<>();
        long droppedBefore = 0;
        for (JsonNode p : root.path("series")) {
            long dropped = p.path("dropped").asLong();
            double cpu = p.path("generatorCpu").asDouble(-1);
            List<JsonNode> points =
                    bySecond.get(Math.round(p.path("elapsedSeconds").asDouble()));
            seconds.add(new RunEvidence.Second(
                    p.path("elapsedSeconds").asDouble(),
                    p.path("p50").asDouble(),
                    p.path("p99").asDouble(),
                    p.path("rps").asDouble(),
                    p.path("errorsPerSecond").asDouble(),
                    p.path("maxSendLagMs").asDouble(),
                    dropped - droppedBefore,
                    cpu < 0 ? Double.NaN : cpu,
                    p.path("vus").asInt(),
                    status == null && points != null ? server(points) : null));
            droppedBefore = dropped;
        }
        List<RunEvidence.Label> labels = new ArrayList<>();
        root.path("labels").forEach(l -> labels.add(label(l)));
        List<RunEvidence.Statement> statements = new ArrayList<>();
        for (JsonNode s : server.path("statements")) {
            List<String> routes = new ArrayList<>();
            s.path("routes").forEach(r -> routes.add(r.asText()));
            statements.add(new RunEvidence.Statement(
                    s.path("sql").asText(),
                    s.path("count").asLong(),
                    s.path("totalMs").asDouble(),
                    num(s, "meanMs"),
                    List.copyOf(routes)));
        }
        statements.sort(
                Comparator.comparingDouble(RunEvidence.Statement::totalMs).reversed());
        return new RunEvidence(
                List.copyOf(seconds),
                List.copyOf(labels),
                label(root.path("total")),
                List.copyOf(statements),
                status,
                root.has("behindSchedule"),
                root.path("behindSchedule").path("maxVus").asInt(0));
    }

    private static String serverStatus(JsonNode server) {
        if (server.isMissingNode()) {
            return "no server was monitored (run with --monitor URL against a Headroom service)";
        }
        List<String> warnings = new ArrayList<>();
        boolean any = false;
        for (JsonNode i : server.path("instances")) {
            any |= i.path("headroom").asBoolean();
            if (i.has("warning")) {
                warnings.add(
                        i.path("statsUrl").asText() + ": " + i.path("warning").asText());
            } else if (i.path("failedPolls").asLong() > 0) {
                warnings.add(i.path("statsUrl").asText() + ": "
                        + i.path("polls").asLong() + " polls answered, "
                        + i.path("failedPolls").asLong() + " failed or timed out (a saturated service answers late)");
            }
        }
        if (!any || server.path("timeline").isEmpty()) {
            return "no monitored instance gave a server timeline"
                    + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")");
        }
        return null;
    }

    private static RunEvidence.Label label(JsonNode l) {
        return new RunEvidence.Label(
                l.path("label").asText(),
                l.path("count").asLong(),
                l.path("errorRate").asDouble(),
                l.path("med").asDouble(),
                l.path("p95").asDouble(),
                l.path("p99").asDouble(),
                l.path("serviceP50").asDouble(),
                l.path("serviceP99").asDouble());
    }

    /** The instances' points of one second: worst instance for gauges and latencies, sums for counts. */
    private static RunEvidence.Server server(List<JsonNode> points) {
        double cpu = Double.NaN, systemCpu = Double.NaN, gcPause = Double.NaN, gcTime = Double.NaN, heap = Double.NaN;
        double active = Double.NaN, max = Double.NaN, waiting = Double.NaN, waitMs = Double.NaN, db = Double.NaN;
        double hitRate = Double.NaN;
        double cpuOfAvailable = Double.NaN;
        long requests = 0;
        long errors = 0;
        Map<String, Double> keyspaces = new LinkedHashMap<>();
        Map<String, Double> p99 = new LinkedHashMap<>();
        Map<String, Double> p50 = new LinkedHashMap<>();
        for (JsonNode p : points) {
            cpu = worst(cpu, num(p, "cpu"));
            systemCpu = worst(systemCpu, num(p, "systemCpu"));
            cpuOfAvailable = worst(cpuOfAvailable, num(p, "cpuOfAvailable"));
            heap = worst(heap, num(p, "heapUsedBytes"));
            gcPause = worst(gcPause, num(p.path("gc"), "pauseMs"));
            gcTime = worst(gcTime, num(p.path("gc"), "timeMsPerSecond"));
            active = sum(active, num(p.path("pool"), "active"));
            max = sum(max, num(p.path("pool"), "max"));
            waiting = sum(waiting, num(p.path("pool"), "waiting"));
            waitMs = worst(waitMs, num(p.path("pool"), "waitMs"));
            db = worst(db, num(p.path("db"), "timeMsPerRequest"));
            double h = num(p.path("cache"), "hitRate");
            hitRate = Double.isNaN(hitRate) ? h : Double.isNaN(h) ? hitRate : Math.min(hitRate, h);
            p.path("cache")
                    .path("keyspaces")
                    .properties()
                    .forEach(e -> keyspaces.merge(e.getKey(), e.getValue().asDouble(), Math::min));
            requests += p.path("requests").asLong();
            p.path("routes").properties().forEach(e -> {
                if (e.getValue().has("p99")) {
                    p99.merge(e.getKey(), e.getValue().get("p99").asDouble(), Math::max);
                    p50.merge(e.getKey(), e.getValue().path("p50").asDouble(), Math::max);
                }
            });
            for (JsonNode r : p.path("routes")) {
                errors += r.path("errors").asLong();
            }
        }
        return new RunEvidence.Server(
                cpu,
                systemCpu,
                gcPause,
                gcTime,
                active,
                max,
                waiting,
                waitMs,
                db,
                hitRate,
                keyspaces,
                heap,
                requests,
                errors,
                p99,
                p50,
                cpuOfAvailable);
    }

    private static double worst(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static double sum(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b;
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
