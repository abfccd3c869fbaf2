package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemHandlers;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.helidon.MonitoringEndpoints;
import io.headroom.toolkit.monitor.helidon.RequestMonitorFilter;
import io.helidon.webserver.http.HttpRouting;
import java.time.Instant;

/**
 * The map of the API: every route of the Data Lake Explorer is declared here, and every
 * cross-cutting filter is attached here, once. Each {@code /api/v1/...} route is also served at
 * {@code /api/...} (HTTP-8).
 */
public final class Routes {
    private final HealthHandler health;
    private final Monitoring monitoring;

    public Routes(Instant startedAt, String version, Monitoring monitoring) {
        this.health = new HealthHandler(startedAt, version);
        this.monitoring = monitoring;
    }

    public void register(HttpRouting.Builder routing) {
        ProblemHandlers.register(routing);
        if (monitoring.settings().enabled()) {
            routing.addFilter(new RequestMonitorFilter(monitoring.requests()));
        }
        new MonitoringEndpoints(monitoring).register(routing);
        routing.get("/api/health", health::liveness);

        ProblemHandlers.registerNotFoundFallback(routing); // keep last
    }
}
