package io.headroom.explorer.web;

import io.headroom.toolkit.ratelimit.RouteClass;
import io.helidon.webserver.http.ServerRequest;

/**
 * Which rate limits a request draws on (RATE-1, RATE-5): probes and scrapes never (health, readiness,
 * metrics, the monitoring routes, which have their own token); login and password change are auth
 * (brute-force guarded instead of rate limited, RATE-2, and a concurrency limit of their own: each hashes
 * a password); samples, downloads, exports and refreshes are heavy; other API routes are API; the UI's page
 * and assets count on the client address only. The same classes carry the concurrency limits (one
 * classification).
 */
final class RouteClasses {
    private RouteClasses() {}

    static RouteClass of(ServerRequest req) {
        String path = req.path().path();
        String api =
                path.startsWith("/api/v1/") ? path.substring(7) : path.startsWith("/api/") ? path.substring(4) : null;
        if (path.equals("/metrics")
                || path.startsWith("/api/health")
                || (api != null && (api.startsWith("/performance/") || api.equals("/alerts")))) {
            return RouteClass.EXEMPT;
        }
        if (api == null) {
            return RouteClass.PAGE;
        }
        if (api.startsWith("/auth/")) {
            return RouteClass.AUTH; // RATE-2: not rate limited; failed logins back off instead (LoginAttempts)
        }
        if (api.endsWith("/sample")
                || api.endsWith("/download")
                || api.startsWith("/datasets/export")
                || (api.startsWith("/admin/refresh")
                        && "POST".equals(req.prologue().method().text()))) {
            return RouteClass.HEAVY;
        }
        return RouteClass.API;
    }
}
