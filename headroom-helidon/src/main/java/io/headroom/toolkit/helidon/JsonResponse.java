package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** How a Helidon handler answers with JSON (the bytes of {@link Json}, its media type). */
public final class JsonResponse {
    private JsonResponse() {}

    public static void send(ServerResponse res, Object body) {
        send(res, 200, body);
    }

    public static void send(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, Json.MEDIA_TYPE);
        res.send(Json.bytes(body));
    }
}
