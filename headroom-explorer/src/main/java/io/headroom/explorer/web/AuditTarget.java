package io.headroom.explorer.web;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** What an admin action acted on, in words, when the path alone does not say (the user a POST created). */
record AuditTarget(String text) {
    static void set(ServerRequest req, String text) {
        req.context().register(new AuditTarget(text));
    }

    static Optional<String> of(ServerRequest req) {
        return req.context().get(AuditTarget.class).map(AuditTarget::text);
    }
}
