package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Admin routes need {@code Authorization: Bearer <HEADROOM_ADMIN_TOKEN>}. Without a configured token
 * they are switched off (403, saying how to switch them on); a missing or wrong token is a 401.
 */
final class AdminGuard {
    private final Optional<byte[]> token;

    AdminGuard(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    Handler protect(Handler handler) {
        return (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store"); // HTTP-3: admin answers are never stored
            check(req);
            handler.handle(req, res);
        };
    }

    private void check(ServerRequest req) {
        if (token.isEmpty()) {
            throw ProblemException.forbidden("Admin routes are disabled: start the service with HEADROOM_ADMIN_TOKEN "
                    + "set, then send 'Authorization: Bearer <token>'.");
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("Admin routes need an 'Authorization: Bearer <HEADROOM_ADMIN_TOKEN>' header.");
        }
        byte[] presented = header.get().substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: response timing must not reveal how much of the token matched.
        if (!MessageDigest.isEqual(presented, token.get())) {
            throw ProblemException.unauthorized("The bearer token is not the admin token.");
        }
    }
}
