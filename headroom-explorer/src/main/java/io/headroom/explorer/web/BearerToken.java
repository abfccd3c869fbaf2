package io.headroom.explorer.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** A token a route accepts in {@code Authorization: Bearer <token>}, compared in constant time. */
final class BearerToken {
    /** The challenge every 401 carries (RFC 6750 §3): the client is told which scheme to answer with. */
    static final String CHALLENGE = "Bearer realm=\"headroom\"";

    private final byte[] expected;

    private BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured token, if any (an unset setting accepts nothing). */
    static Optional<BearerToken> of(Optional<String> configured) {
        return configured.map(BearerToken::new);
    }

    /** The token the request presents, if it sends an {@code Authorization: Bearer} header. */
    static Optional<byte[]> presented(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.get().substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison: response timing must not reveal how much of the token matched. */
    boolean matches(byte[] presented) {
        return MessageDigest.isEqual(presented, expected);
    }
}
