package io.headroom.load.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text with {@code ${column}} placeholders filled from a feeder row. Parsed once so rendering is a
 * plain concatenation; a template without placeholders renders to its constant.
 */
public final class Template {

    private final String source;
    private final List<String> parts; // even index: literal, odd index: column name

    private Template(String source, List<String> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Template of(String source) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = source.indexOf("${", from);
            if (open < 0) {
                break;
            }
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new ScenarioException("unclosed '${' in '" + source + "'");
            }
            parts.add(source.substring(from, open));
            parts.add(source.substring(open + 2, close).strip());
            from = close + 1;
        }
        parts.add(source.substring(from));
        return new Template(source, List.copyOf(parts));
    }

    public boolean isConstant() {
        return parts.size() == 1;
    }

    public String source() {
        return source;
    }

    /** Column names used, to validate against the feeder's header. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i < parts.size(); i += 2) {
            columns.add(parts.get(i));
        }
        return columns;
    }

    public String render(Map<String, String> row) {
        if (isConstant()) {
            return parts.get(0);
        }
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : row.getOrDefault(parts.get(i), ""));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
