package io.headroom.toolkit.monitor.helidon;

import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The monitoring endpoints: {@code GET /api/performance/stats} (JSON document),
 * {@code GET /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it) and
 * {@code GET /api/v1/alerts} (also at {@code /api/alerts}): active alerts and 24 h history.
 */
public final class MonitoringEndpoints {
    private final Monitoring monitoring;

    public MonitoringEndpoints(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** The paths {@link #register} serves, all {@code GET}, so a route table can list them. */
    public static final List<String> PATHS = List.of("/api/performance/stats", "/metrics", "/api/v1/alerts", "/api/alerts");

    public void register(HttpRouting.Builder routing) {
        routing.get(PATHS.get(0), this::stats);
        routing.get(PATHS.get(1), this::metrics);
        routing.get(PATHS.get(2), this::alerts);
        routing.get(PATHS.get(3), this::alerts);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        int recent = intParameter(req, "recent", 20, 0, Monitoring.RECENT_REQUESTS);
        int history = intParameter(req, "history", 12, 0, 100_000);
        Json.send(res, monitoring.stats(recent, history));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        String contentType = accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        String body = monitoring.registry().scrape(contentType);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }

    private void alerts(ServerRequest req, ServerResponse res) {
        Json.send(res, Map.of("active", monitoring.alerts().active(), "history", monitoring.alerts().history()));
    }

    private static int intParameter(ServerRequest req, String name, int defaultValue, int min, int max) {
        var raw = req.query().first(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the problem below
        }
        throw ProblemException.badParameter(name, "expected a whole number from " + min + " to " + max);
    }
}
