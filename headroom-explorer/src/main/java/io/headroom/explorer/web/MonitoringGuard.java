package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The monitoring endpoints ({@code /api/performance/stats}, {@code /metrics}, {@code /api/v1/alerts})
 * show SQL text, pool, heap and database details, so like Spring Boot Actuator they are not public
 * by default. They accept the admin token or the metrics token ({@code HEADROOM_METRICS_TOKEN}, which
 * lets Prometheus scrape without admin rights), or anyone once {@code HEADROOM_MONITORING_PUBLIC=true}.
 * Every refusal is a 401 with a {@code WWW-Authenticate: Bearer} challenge and a detail saying how to
 * get in.
 */
final class MonitoringGuard {
    private final List<BearerToken> accepted;
    private final boolean open;

    MonitoringGuard(Optional<String> adminToken, Optional<String> metricsToken, boolean open) {
        this.accepted = Stream.of(adminToken, metricsToken).flatMap(t -> BearerToken.of(t).stream()).toList();
        this.open = open;
    }

    Handler protect(Handler handler) {
        if (open) {
            return handler;
        }
        return (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store"); // an answer for a token holder only
            check(req, res);
            handler.handle(req, res);
        };
    }

    private void check(ServerRequest req, ServerResponse res) {
        if (accepted.isEmpty()) {
            throw refused(res, BearerToken.CHALLENGE, "Monitoring endpoints are not public. Set HEADROOM_METRICS_TOKEN "
                    + "(or HEADROOM_ADMIN_TOKEN) and send 'Authorization: Bearer <token>', or set "
                    + "HEADROOM_MONITORING_PUBLIC=true to open them to anyone who can reach the port.");
        }
        Optional<byte[]> presented = BearerToken.presented(req);
        if (presented.isEmpty()) {
            throw refused(res, BearerToken.CHALLENGE, "Monitoring endpoints need an 'Authorization: Bearer <token>' header "
                    + "with HEADROOM_METRICS_TOKEN or HEADROOM_ADMIN_TOKEN.");
        }
        // Every configured token is compared, even after a match, so timing does not tell which one matched.
        boolean matched = false;
        for (BearerToken token : accepted) {
            matched |= token.matches(presented.get());
        }
        if (!matched) {
            throw refused(res, BearerToken.CHALLENGE + ", error=\"invalid_token\"",
                    "The bearer token is neither the metrics token nor the admin token.");
        }
    }

    private static ProblemException refused(ServerResponse res, String challenge, String detail) {
        res.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        return ProblemException.unauthorized(detail);
    }
}
