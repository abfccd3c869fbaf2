package io.headroom.load.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file, line and key path, so every validation error can say
 * {@code scenario.yaml:12: executor.rate: must be a whole number ≥ 1}.
 */
final class YamlNode {

    private final Path file;
    private final String path;
    private final Node node;

    YamlNode(Path file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    ScenarioException error(String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new ScenarioException(
                file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    String path() {
        return path;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    Map<String, YamlNode> map() {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (key: value lines)");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, t.getKeyNode()).error("keys must be plain names");
            }
            out.put(k.getValue(), new YamlNode(file, join(k.getValue()), t.getValueNode()));
        }
        return out;
    }

    /** The mapping, rejecting keys not in {@code allowed} (typos fail loudly instead of being ignored). */
    Map<String, YamlNode> map(Set<String> allowed) {
        Map<String, YamlNode> m = map();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key; expected one of " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return m;
    }

    List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list (lines starting with '- ')");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    String text() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value");
        }
        return s.getValue();
    }

    int integer(int min) {
        String t = text().strip();
        try {
            int v = Integer.parseInt(t);
            if (v < min) {
                throw error("must be at least " + min + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("must be a whole number, got '" + t + "'");
        }
    }

    Duration duration() {
        try {
            return Durations.parse(text(), "bad duration");
        } catch (ScenarioException e) {
            throw error("bad duration '" + text() + "', expected e.g. 500ms, 30s, 5m, 1h or 1m30s");
        }
    }

    boolean bool() {
        String t = text().strip();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw error("must be true or false, got '" + t + "'");
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
