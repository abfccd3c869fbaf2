package io.headroom.explorer.web;

import io.headroom.explorer.auth.Caller;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;

/**
 * The monitoring endpoints ({@code /api/performance/stats}, {@code /metrics}, {@code /api/v1/alerts})
 * show SQL text, pool, heap and database details, so like Spring Boot Actuator they are not public
 * by default. They accept the admin token or the metrics token ({@code HEADROOM_METRICS_TOKEN}, which
 * lets Prometheus scrape without admin rights), an admin's login token or admin API key, or anyone once
 * {@code HEADROOM_MONITORING_PUBLIC=true}. A wrong credential is refused by {@link CallerFilter} (401);
 * no credential is a 401 with a challenge and a detail saying how to get in; a user without the admin
 * role a 403.
 */
final class MonitoringGuard {
    private final boolean open;

    MonitoringGuard(boolean open) {
        this.open = open;
    }

    Handler protect(Handler handler) {
        if (open) {
            return handler;
        }
        return (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store"); // an answer for a token holder only
            Caller caller = CallerFilter.of(req);
            if (!caller.mayMonitor()) {
                if (caller.authenticated()) {
                    throw ProblemException.forbidden(
                            "Monitoring endpoints need the metrics token, the admin token or an admin.");
                }
                throw CallerFilter.refused(
                        res,
                        BearerToken.CHALLENGE,
                        "Monitoring endpoints are not public. Send "
                                + "'Authorization: Bearer <token>' with HEADROOM_METRICS_TOKEN, HEADROOM_ADMIN_TOKEN or an admin's "
                                + "login token, or set HEADROOM_MONITORING_PUBLIC=true to open them to anyone who can reach the port.");
            }
            handler.handle(req, res);
        };
    }
}
