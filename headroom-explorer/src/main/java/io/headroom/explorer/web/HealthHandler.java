package io.headroom.explorer.web;

import io.headroom.toolkit.helidon.JsonResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/health}: liveness only, so it never touches a dependency and always answers fast. */
final class HealthHandler {
    private final Instant startedAt;
    private final String version;

    HealthHandler(Instant startedAt, String version) {
        this.startedAt = startedAt;
        this.version = version;
    }

    record Liveness(String status, long uptimeSeconds, String version) {}

    void liveness(ServerRequest req, ServerResponse res) {
        long uptime = Duration.between(startedAt, Instant.now()).toSeconds();
        JsonResponse.send(res, new Liveness("UP", uptime, version));
    }
}
