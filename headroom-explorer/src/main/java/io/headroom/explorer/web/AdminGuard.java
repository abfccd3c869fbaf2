package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Admin routes need {@code Authorization: Bearer <HEADROOM_ADMIN_TOKEN>}. A missing or wrong token is
 * a 401 with the bearer challenge (RFC 9110 11.6.1 and RFC 6750 3: every 401 names its scheme); without
 * a configured token the routes are switched off, a 403 (no credentials could help), saying how to
 * switch them on.
 */
final class AdminGuard {
    private static final String REALM = "Bearer realm=\"headroom-admin\"";
    private final Optional<byte[]> token;

    AdminGuard(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
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
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            res.header(HeaderNames.WWW_AUTHENTICATE, REALM);
            throw ProblemException.unauthorized("Admin routes need an 'Authorization: Bearer <HEADROOM_ADMIN_TOKEN>' header.");
        }
        byte[] presented = header.get().substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: response timing must not reveal how much of the token matched.
        if (!MessageDigest.isEqual(presented, token.get())) {
            res.header(HeaderNames.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
            throw ProblemException.unauthorized("The bearer token is not the admin token.");
        }
    }
}
