package io.headroom.explorer.web;

import io.headroom.explorer.audit.AuditEntry;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Caller;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Admin routes need an admin: a user with the {@code admin} role (login token), an admin's
 * {@code admin}-scoped API key, or {@code HEADROOM_ADMIN_TOKEN}. No credential (or the metrics token,
 * which opens monitoring only) is a 401 with {@code WWW-Authenticate}; a user without the admin role is
 * a 403. Every admin action (anything but a read) is written to the audit log with its outcome.
 */
final class AdminGuard {
    private final AuditLog audit;

    AdminGuard(AuditLog audit) {
        this.audit = audit;
    }

    Handler protect(Handler handler) {
        return protect(handler, null);
    }

    /** @param action the audit log's name for the action; null: derived from the method and route */
    Handler protect(Handler handler, String action) {
        return (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store"); // HTTP-3: admin answers are never stored
            Caller caller = CallerFilter.of(req);
            check(caller, res);
            boolean audited = !Method.GET.equals(req.prologue().method())
                    && !Method.HEAD.equals(req.prologue().method());
            if (!audited) {
                handler.handle(req, res);
                return;
            }
            String name = action != null ? action : req.prologue().method().text() + " " + routeOf(req);
            try {
                handler.handle(req, res);
            } catch (RuntimeException e) {
                audit.record(
                        caller.name(),
                        name,
                        AuditTarget.of(req).orElse(req.path().path()),
                        AuditEntry.FAILED,
                        ip(req));
                throw e;
            }
            audit.record(
                    caller.name(), name, AuditTarget.of(req).orElse(req.path().path()), AuditEntry.SUCCESS, ip(req));
        };
    }

    static void check(Caller caller, ServerResponse res) {
        if (caller.mayAdminister()) {
            return;
        }
        if (Caller.METRICS_TOKEN.equals(caller)) {
            throw CallerFilter.refused(
                    res,
                    BearerToken.CHALLENGE + ", error=\"invalid_token\"",
                    "The metrics token opens the monitoring routes only; admin routes need an admin.");
        }
        if (!caller.authenticated()) {
            throw CallerFilter.refused(
                    res,
                    BearerToken.CHALLENGE,
                    "Admin routes need 'Authorization: Bearer <token>': "
                            + "an admin's login token (POST /api/v1/auth/login), an admin API key, or HEADROOM_ADMIN_TOKEN.");
        }
        throw ProblemException.forbidden("Admin routes need the admin role; " + caller.name() + " does not have it.");
    }

    /** The route without its version prefix: one action name for a route and its alias. */
    private static String routeOf(ServerRequest req) {
        String path = req.path().path();
        return path.startsWith("/api/v1/") ? path.substring("/api/v1".length()) : path.substring("/api".length());
    }

    static String ip(ServerRequest req) {
        return req.remotePeer().host();
    }
}
