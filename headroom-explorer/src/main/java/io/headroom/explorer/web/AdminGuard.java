package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Admin routes need {@code Authorization: Bearer <HEADROOM_ADMIN_TOKEN>}. Without a configured token
 * they are switched off (403, saying how to switch them on); a missing or wrong token is a 401.
 * The metrics token ({@link MonitoringGuard}) is not accepted here. Wrong tokens in a row slow the next
 * attempts down ({@link TokenAttempts}).
 */
final class AdminGuard {
    private static final String ACCOUNT = "admin-token";
    private final Optional<BearerToken> token;
    private final TokenAttempts attempts;

    AdminGuard(Optional<String> token, TokenAttempts attempts) {
        this.token = BearerToken.of(token);
        this.attempts = attempts;
    }

    Handler protect(Handler handler) {
        return (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store"); // HTTP-3: admin answers are never stored
            check(req, res);
            handler.handle(req, res);
        };
    }

    private void check(ServerRequest req, ServerResponse res) {
        if (token.isEmpty()) {
            throw ProblemException.forbidden("Admin routes are disabled: start the service with HEADROOM_ADMIN_TOKEN "
                    + "set, then send 'Authorization: Bearer <token>'.");
        }
        Optional<byte[]> presented = BearerToken.presented(req);
        if (presented.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, BearerToken.CHALLENGE);
            throw ProblemException.unauthorized("Admin routes need an 'Authorization: Bearer <HEADROOM_ADMIN_TOKEN>' header.");
        }
        attempts.refuseIfTooSoon(req, res, ACCOUNT);
        if (!token.get().matches(presented.get())) {
            attempts.failed(req, ACCOUNT);
            res.header(HeaderNames.WWW_AUTHENTICATE, BearerToken.CHALLENGE + ", error=\"invalid_token\"");
            throw ProblemException.unauthorized("The bearer token is not the admin token.");
        }
        attempts.succeeded(req, ACCOUNT);
    }
}
