package io.headroom.load.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a scenario file (format: docs/load-testing.md). Every problem becomes a
 * {@link ScenarioException} naming the file, line and key. Feeder paths are relative to the file.
 */
public final class ScenarioParser {

    private static final Set<String> TOP = Set.of(
            "name",
            "baseUrl",
            "headers",
            "thinkTime",
            "timeout",
            "jdbc",
            "feeders",
            "requests",
            "executor",
            "thresholds",
            "warmup",
            "monitor");
    private static final Set<String> REQUEST =
            Set.of("label", "type", "method", "path", "headers", "body", "checks", "weight", "feeder", "sql", "params");
    private static final Set<String> EXECUTOR = Set.of(
            "type",
            "vus",
            "duration",
            "startVUs",
            "stages",
            "rate",
            "startRate",
            "timeUnit",
            "preAllocatedVUs",
            "maxVUs");

    private ScenarioParser() {}

    public static Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such scenario file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ScenarioException(file + ": invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ScenarioException(file + ": the scenario file is empty");
        }
        return parse(new YamlNode(file, "", root), file);
    }

    private static Scenario parse(YamlNode root, Path file) {
        Map<String, YamlNode> top = root.map(TOP);
        Path dir = file.toAbsolutePath().getParent();
        String name = top.containsKey("name")
                ? top.get("name").text()
                : file.getFileName().toString();
        Map<String, Feeder> feeders = feeders(top.get("feeders"), dir);
        YamlNode requestsNode = require(top, "requests", root);
        List<RequestSpec> requests = new ArrayList<>();
        for (YamlNode r : requestsNode.list()) {
            requests.add(request(r, feeders));
        }
        if (requests.isEmpty()) {
            throw requestsNode.error("at least one request is needed");
        }
        URI baseUrl = null;
        if (requests.stream().anyMatch(r -> r.type() == RequestSpec.Type.HTTP)) {
            YamlNode base = require(top, "baseUrl", root);
            try {
                baseUrl = QuickScenario.url(base.text());
            } catch (ScenarioException e) {
                throw base.error("expected an http:// or https:// URL, got '" + base.text() + "'");
            }
        }
        String jdbcUrl = null;
        if (requests.stream().anyMatch(r -> r.type() == RequestSpec.Type.JDBC)) {
            YamlNode jdbc = require(top, "jdbc", root);
            jdbcUrl = require(jdbc.map(Set.of("url")), "url", jdbc).text();
            if (!jdbcUrl.startsWith("jdbc:")) {
                throw jdbc.map().get("url").error("expected a JDBC URL (jdbc:postgresql://host:5432/db?user=...)");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (top.containsKey("headers")) {
            top.get("headers").map().forEach((k, v) -> headers.put(k, v.text()));
        }
        ExecutorSpec executor = executor(require(top, "executor", root));
        List<ThresholdSpec> thresholds = new ArrayList<>();
        List<ServerThreshold> serverThresholds = new ArrayList<>();
        if (top.containsKey("thresholds")) {
            for (YamlNode t : top.get("thresholds").list()) {
                if (!t.isMap() && ServerThreshold.isServer(t.text())) {
                    serverThresholds.add(serverThreshold(t));
                } else {
                    thresholds.add(threshold(t, requests));
                }
            }
        }
        MonitorSpec monitor = monitor(top.get("monitor")).withThresholds(List.copyOf(serverThresholds));
        Duration think = top.containsKey("thinkTime") ? top.get("thinkTime").duration() : Duration.ZERO;
        Duration timeout = top.containsKey("timeout") ? top.get("timeout").duration() : Duration.ofSeconds(60);
        Duration warmup = top.containsKey("warmup") ? top.get("warmup").duration() : Duration.ZERO;
        return new Scenario(
                name,
                baseUrl,
                Map.copyOf(headers),
                List.copyOf(requests),
                Map.copyOf(feeders),
                executor,
                List.copyOf(thresholds),
                think,
                timeout,
                jdbcUrl,
                warmup,
                monitor);
    }

    /** {@code monitor: {urls: [http://host:8080, ...], token: T}} (also {@code url:} for one instance). */
    private static MonitorSpec monitor(YamlNode node) {
        if (node == null) {
            return MonitorSpec.NONE;
        }
        Map<String, YamlNode> m = node.map(Set.of("url", "urls", "token"));
        List<URI> urls = new ArrayList<>();
        List<YamlNode> given = new ArrayList<>();
        if (m.containsKey("url")) {
            given.add(m.get("url"));
        }
        if (m.containsKey("urls")) {
            given.addAll(m.get("urls").list());
        }
        for (YamlNode u : given) {
            try {
                urls.add(MonitorSpec.statsUrl(u.text(), "monitor url"));
            } catch (ScenarioException e) {
                throw u.error(e.getMessage());
            }
        }
        if (urls.isEmpty()) {
            throw node.error("'monitor' needs 'url' or 'urls' (each instance's base URL or stats URL)");
        }
        return new MonitorSpec(
                List.copyOf(urls), m.containsKey("token") ? m.get("token").text() : null, List.of());
    }

    private static ServerThreshold serverThreshold(YamlNode node) {
        try {
            return ServerThreshold.parse(node.text());
        } catch (ScenarioException e) {
            throw node.error(e.getMessage());
        }
    }

    private static YamlNode require(Map<String, YamlNode> map, String key, YamlNode parent) {
        YamlNode n = map.get(key);
        if (n == null) {
            throw parent.error("'" + key + "' is required");
        }
        return n;
    }

    private static Map<String, Feeder> feeders(YamlNode node, Path dir) {
        Map<String, Feeder> feeders = new LinkedHashMap<>();
        if (node == null) {
            return feeders;
        }
        for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
            Map<String, YamlNode> f = e.getValue().map(Set.of("file", "mode"));
            YamlNode fileNode = require(f, "file", e.getValue());
            Feeder.Mode mode = Feeder.Mode.CIRCULAR;
            if (f.containsKey("mode")) {
                try {
                    mode = Feeder.Mode.valueOf(f.get("mode").text().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw f.get("mode")
                            .error("unknown feeder mode '" + f.get("mode").text()
                                    + "', expected sequential, random or circular");
                }
            }
            Path csv = dir.resolve(fileNode.text());
            if (!Files.isRegularFile(csv)) {
                throw fileNode.error("feeder file " + csv + " not found");
            }
            feeders.put(e.getKey(), Feeder.load(e.getKey(), mode, csv));
        }
        return feeders;
    }

    private static RequestSpec request(YamlNode node, Map<String, Feeder> feeders) {
        Map<String, YamlNode> r = node.map(REQUEST);
        String typeText = r.containsKey("type") ? r.get("type").text().strip().toLowerCase(Locale.ROOT) : "http";
        RequestSpec.Type type = switch (typeText) {
            case "http" -> RequestSpec.Type.HTTP;
            case "jdbc" -> RequestSpec.Type.JDBC;
            default -> throw r.get("type").error("unknown request type '" + typeText + "', expected http or jdbc");
        };
        int weight = r.containsKey("weight") ? r.get("weight").integer(1) : 1;
        String feederName = r.containsKey("feeder") ? r.get("feeder").text() : null;
        Feeder feeder = null;
        if (feederName != null) {
            feeder = feeders.get(feederName);
            if (feeder == null) {
                throw r.get("feeder").error("no feeder named '" + feederName + "' under 'feeders'");
            }
        }
        Set<String> columns = feeder == null ? Set.of() : Set.copyOf(feeder.columns());
        List<Check> checks = r.containsKey("checks") ? checks(r.get("checks")) : List.of();
        if (type == RequestSpec.Type.JDBC) {
            Template sql = template(require(r, "sql", node), columns);
            List<Template> params = new ArrayList<>();
            if (r.containsKey("params")) {
                for (YamlNode p : r.get("params").list()) {
                    params.add(template(p, columns));
                }
            }
            String label = r.containsKey("label") ? r.get("label").text() : sql.source();
            return new RequestSpec(
                    label, type, weight, "JDBC", null, Map.of(), null, checks, sql, List.copyOf(params), feederName);
        }
        String method = r.containsKey("method") ? r.get("method").text().strip().toUpperCase(Locale.ROOT) : "GET";
        if (!method.matches("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS")) {
            throw r.get("method").error("unknown HTTP method '" + method + "'");
        }
        Template path = template(require(r, "path", node), columns);
        Map<String, Template> headers = new LinkedHashMap<>();
        if (r.containsKey("headers")) {
            r.get("headers").map().forEach((k, v) -> headers.put(k, template(v, columns)));
        }
        Template body = r.containsKey("body") ? template(r.get("body"), columns) : null;
        String label = r.containsKey("label") ? r.get("label").text() : method + " " + path.source();
        return new RequestSpec(
                label, type, weight, method, path, Map.copyOf(headers), body, checks, null, List.of(), feederName);
    }

    private static Template template(YamlNode node, Set<String> columns) {
        Template t;
        try {
            t = Template.of(node.text());
        } catch (ScenarioException e) {
            throw node.error(e.getMessage());
        }
        for (String c : t.columns()) {
            if (!columns.contains(c)) {
                throw node.error("'${" + c + "}' is not a column of the request's feeder"
                        + (columns.isEmpty()
                                ? " (the request has no 'feeder')"
                                : " (columns: " + String.join(", ", columns) + ")"));
            }
        }
        return t;
    }

    private static List<Check> checks(YamlNode node) {
        List<Check> checks = new ArrayList<>();
        for (YamlNode c : node.list()) {
            Map<String, YamlNode> m = c.map(Set.of("status", "bodyContains", "jsonPath", "equals"));
            if (m.containsKey("status")) {
                checks.add(new Check.Status(m.get("status").integer(100)));
            } else if (m.containsKey("bodyContains")) {
                checks.add(new Check.BodyContains(m.get("bodyContains").text()));
            } else if (m.containsKey("jsonPath")) {
                checks.add(new Check.JsonPathEquals(
                        m.get("jsonPath").text(), require(m, "equals", c).text()));
            } else {
                throw c.error("a check is one of: status: 200 | bodyContains: text | jsonPath: $.a.b + equals: value");
            }
        }
        return List.copyOf(checks);
    }

    private static ExecutorSpec executor(YamlNode node) {
        Map<String, YamlNode> e = node.map(EXECUTOR);
        String type = require(e, "type", node).text().strip();
        Duration timeUnit = e.containsKey("timeUnit") ? e.get("timeUnit").duration() : Duration.ofSeconds(1);
        if (timeUnit.isZero()) {
            throw e.get("timeUnit").error("must be longer than 0");
        }
        return switch (type) {
            case "constant-vus" ->
                new ExecutorSpec.ConstantVus(
                        require(e, "vus", node).integer(1), positive(require(e, "duration", node)));
            case "ramping-vus" ->
                new ExecutorSpec.RampingVus(
                        e.containsKey("startVUs") ? e.get("startVUs").integer(0) : 0,
                        stages(require(e, "stages", node)));
            case "constant-arrival-rate" -> {
                int maxVus = e.containsKey("maxVUs") ? e.get("maxVUs").integer(1) : 100;
                int rate = require(e, "rate", node).integer(1);
                int pre = e.containsKey("preAllocatedVUs")
                        ? e.get("preAllocatedVUs").integer(0)
                        : Math.min(maxVus, ExecutorSpec.expectedInFlight(rate, timeUnit));
                yield new ExecutorSpec.ConstantArrivalRate(
                        rate,
                        timeUnit,
                        positive(require(e, "duration", node)),
                        Math.min(pre, maxVus),
                        Math.max(pre, maxVus));
            }
            case "ramping-arrival-rate" -> {
                int maxVus = e.containsKey("maxVUs") ? e.get("maxVUs").integer(1) : 100;
                int startRate = e.containsKey("startRate") ? e.get("startRate").integer(0) : 0;
                List<ExecutorSpec.Stage> stages = stages(require(e, "stages", node));
                int pre = e.containsKey("preAllocatedVUs")
                        ? e.get("preAllocatedVUs").integer(0)
                        : Math.min(
                                maxVus,
                                ExecutorSpec.expectedInFlight(ExecutorSpec.openingLevel(startRate, stages), timeUnit));
                yield new ExecutorSpec.RampingArrivalRate(
                        startRate, timeUnit, stages, Math.min(pre, maxVus), Math.max(pre, maxVus));
            }
            default ->
                throw e.get("type")
                        .error("unknown executor '" + type + "', expected constant-vus, ramping-vus, "
                                + "constant-arrival-rate or ramping-arrival-rate");
        };
    }

    private static Duration positive(YamlNode node) {
        Duration d = node.duration();
        if (d.isZero()) {
            throw node.error("must be longer than 0");
        }
        return d;
    }

    private static List<ExecutorSpec.Stage> stages(YamlNode node) {
        List<ExecutorSpec.Stage> stages = new ArrayList<>();
        for (YamlNode s : node.list()) {
            Map<String, YamlNode> m = s.map(Set.of("duration", "target"));
            stages.add(new ExecutorSpec.Stage(
                    require(m, "duration", s).duration(),
                    require(m, "target", s).integer(0)));
        }
        if (stages.isEmpty()) {
            throw node.error("at least one stage is needed");
        }
        return List.copyOf(stages);
    }

    private static ThresholdSpec threshold(YamlNode node, List<RequestSpec> requests) {
        if (!node.isMap()) {
            return new ThresholdSpec(null, parseThreshold(node), false);
        }
        Map<String, YamlNode> m = node.map(Set.of("threshold", "label", "abortOnFail"));
        if (ServerThreshold.isServer(require(m, "threshold", node).text())) {
            throw m.get("threshold")
                    .error("a server threshold is a plain list item (- server.cpu<0.8): "
                            + "it has no label and is checked at the end of the run");
        }
        Threshold t = parseThreshold(require(m, "threshold", node));
        String label = m.containsKey("label") ? m.get("label").text() : null;
        if (label != null && requests.stream().noneMatch(r -> r.label().equals(label))) {
            throw m.get("label").error("no request has the label '" + label + "'");
        }
        return new ThresholdSpec(
                label, t, m.containsKey("abortOnFail") && m.get("abortOnFail").bool());
    }

    private static Threshold parseThreshold(YamlNode node) {
        try {
            return Threshold.parse(node.text());
        } catch (ScenarioException e) {
            throw node.error(e.getMessage());
        }
    }
}
