package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monitoring endpoints: the stats document (JSON, default {@code /api/performance/stats}), the
 * Prometheus scrape (text, or OpenMetrics when the scraper asks for it; default {@code /metrics}) and
 * the alerts (active alerts and 24 h history, at the paths the host chooses; none by default).
 *
 * <p>They show SQL text, pool, heap and database details, so a service exposes them behind an
 * access check ({@code HeadroomBuilder.endpointGuard}); the unguarded {@link #register} is for tests
 * and for services that guard them elsewhere.
 */
public final class MonitoringEndpoints {
    public static final String DEFAULT_STATS_PATH = "/api/performance/stats";
    public static final String DEFAULT_METRICS_PATH = "/metrics";

    private final Monitoring monitoring;
    private final List<Endpoint> endpoints;

    /** At the default paths, without alerts. */
    public MonitoringEndpoints(Monitoring monitoring) {
        this(monitoring, DEFAULT_STATS_PATH, DEFAULT_METRICS_PATH, List.of());
    }

    /**
     * @param statsPath the stats document, or null for none
     * @param metricsPath the Prometheus scrape, or null for none
     * @param alertsPaths the alerts document, at each of these paths
     */
    public MonitoringEndpoints(Monitoring monitoring, String statsPath, String metricsPath, List<String> alertsPaths) {
        this.monitoring = monitoring;
        List<Endpoint> all = new ArrayList<>();
        if (statsPath != null) {
            all.add(new Endpoint(statsPath, this::stats));
        }
        if (metricsPath != null) {
            all.add(new Endpoint(metricsPath, this::metrics));
        }
        alertsPaths.forEach(path -> all.add(new Endpoint(path, this::alerts)));
        this.endpoints = List.copyOf(all);
    }

    /** One GET endpoint: its path and handler, for a service that declares its routes in one table. */
    public record Endpoint(String path, Handler handler) {}

    /** The GET endpoints, in registration order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public void register(HttpRouting.Builder routing) {
        endpoints().forEach(e -> routing.get(e.path(), e.handler()));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        int recent = intParameter(req, "recent", 20, 0, Monitoring.RECENT_REQUESTS);
        int history = intParameter(req, "history", 12, 0, 100_000);
        // database=0 leaves out the database-health section, the only part that needs a pooled connection: a poller
        // reading the document every second (headroom load --monitor) must not queue behind a saturated pool
        boolean database = intParameter(req, "database", 1, 0, 1) == 1;
        JsonResponse.send(res, monitoring.stats(recent, history, database));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        String contentType = accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        String body = monitoring.prometheus().orElseThrow().scrape(contentType);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }

    private void alerts(ServerRequest req, ServerResponse res) {
        JsonResponse.send(
                res,
                Map.of(
                        "active",
                        monitoring.alerts().active(),
                        "history",
                        monitoring.alerts().history()));
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
