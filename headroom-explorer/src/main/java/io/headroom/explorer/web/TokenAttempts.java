package io.headroom.explorer.web;

import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.ratelimit.BruteForceGuard;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Brute-force protection of the admin token: wrong tokens in a row, per client address and for the token
 * itself, make the next attempt wait, doubling ({@link BruteForceGuard}); an attempt made too soon is a
 * 429 with {@code Retry-After} before the token is even compared.
 */
final class TokenAttempts {
    private final BruteForceGuard guard;
    private final Function<ServerRequest, String> clientOf;

    TokenAttempts(BruteForceGuard guard, Function<ServerRequest, String> clientOf) {
        this.guard = guard;
        this.clientOf = clientOf;
    }

    void refuseIfTooSoon(ServerRequest req, ServerResponse res, String account) {
        Optional<Duration> wait = guard.blocked(account, clientOf.apply(req));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds));
            throw new ProblemException(
                    Problem.of(429, "Too Many Requests", "Too many wrong tokens: try again in " + seconds + " s."));
        }
    }

    void failed(ServerRequest req, String account) {
        guard.failed(account, clientOf.apply(req));
    }

    void succeeded(ServerRequest req, String account) {
        guard.succeeded(account, clientOf.apply(req));
    }
}
