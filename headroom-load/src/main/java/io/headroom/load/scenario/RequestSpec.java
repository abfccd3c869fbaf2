package io.headroom.load.scenario;

import java.util.List;
import java.util.Map;

/**
 * One request of the mix. HTTP requests use method, path, headers and body; JDBC requests use
 * {@code sql} with {@code params} (templates filled from the feeder row, bound in order).
 *
 * @param weight share of the mix (70/20/10 → 70, 20, 10)
 * @param feeder name of the feeder whose next row fills the templates, or null
 */
public record RequestSpec(
        String label,
        Type type,
        int weight,
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        List<Check> checks,
        Template sql,
        List<Template> params,
        String feeder) {

    public enum Type {
        HTTP,
        JDBC
    }

    /** Whether a check needs the response body (otherwise the body is counted but not kept). */
    public boolean needsBody() {
        return checks.stream().anyMatch(c -> !(c instanceof Check.Status));
    }
}
