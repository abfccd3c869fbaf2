package io.headroom.toolkit.helidon.health;

import io.headroom.toolkit.health.HealthChecks;
import io.headroom.toolkit.health.HealthReport;
import io.headroom.toolkit.helidon.JsonResponse;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The three health answers as Helidon handlers (RES-1):
 * <ul>
 *   <li>{@link #liveness}: the process answers; touches no dependency, always 200;</li>
 *   <li>{@link #readiness}: the service should get traffic (its readiness checks: database reachable,
 *       start-up done, not draining); 200 or 503;</li>
 *   <li>{@link #detailed}: every component with status and latency; 503 when a required one is down.
 *       The caller protects it with a token: it names versions and paths.</li>
 * </ul>
 * Every answer is {@code Cache-Control: no-store}: a cached "ready" is a lie a probe cannot detect.
 */
public final class HealthEndpoints {
    private final Instant startedAt;
    private final String version;
    private final HealthChecks readiness;
    private final HealthChecks detailed;

    public HealthEndpoints(Instant startedAt, String version, HealthChecks readiness, HealthChecks detailed) {
        this.startedAt = startedAt;
        this.version = version;
        this.readiness = readiness;
        this.detailed = detailed;
    }

    /** The liveness body: {@code status} is always {@code UP} (an answer at all is the news). */
    public record Liveness(String status, long uptimeSeconds, String version) {}

    public void liveness(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponse.send(
                res,
                new Liveness("UP", Duration.between(startedAt, Instant.now()).toSeconds(), version));
    }

    public void readiness(ServerRequest req, ServerResponse res) {
        send(res, readiness.run());
    }

    public void detailed(ServerRequest req, ServerResponse res) {
        send(res, detailed.run());
    }

    private static void send(ServerResponse res, HealthReport report) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (!report.up()) {
            res.header(HeaderNames.RETRY_AFTER, "5");
        }
        JsonResponse.send(res, report.up() ? 200 : 503, report);
    }
}
