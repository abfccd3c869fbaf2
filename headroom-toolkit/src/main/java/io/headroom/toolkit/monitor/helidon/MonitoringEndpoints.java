package io.headroom.toolkit.monitor.helidon;

import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
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
 *
 * <p>They show SQL text, pool, heap and database details, so a service exposes them behind an
 * access check ({@link #register(HttpRouting.Builder, UnaryOperator)}); the unguarded
 * {@link #register(HttpRouting.Builder)} is for tests and for services that guard them elsewhere.
 */
public final class MonitoringEndpoints {
    private final Monitoring monitoring;

    public MonitoringEndpoints(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** One GET endpoint: its path and handler, for a service that declares its routes in one table. */
    public record Endpoint(String path, Handler handler) {}

    /** The GET endpoints, in registration order. */
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("/api/performance/stats", this::stats), new Endpoint("/metrics", this::metrics),
                new Endpoint("/api/v1/alerts", this::alerts), new Endpoint("/api/alerts", this::alerts));
    }

    public void register(HttpRouting.Builder routing) {
        endpoints().forEach(e -> routing.get(e.path(), e.handler()));
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
