package io.headroom.toolkit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code application/problem+json}: a {@link ProblemException} is the
 * handler's chosen answer; Helidon's own request errors (a bad path encoding, a 404 from routing)
 * keep their status; anything else is a bug, logged with its stack and answered 500 without
 * leaking internals.
 */
public final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {}

    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(res, e.problem()));
        routing.error(RequestException.class, (req, res, e) -> {
            int status = e.status().code();
            send(res, Problem.of(status, e.status().reasonPhrase(), e.getMessage()));
        });
        routing.error(Exception.class, (req, res, e) -> {
            LOG.error("Unhandled error on {} {}", req.prologue().method().text(), req.path().rawPath(), e);
            send(res, Problem.of(500, "Internal Server Error", "The server failed to handle this request."));
        });
    }

    /**
     * Problem documents for the errors Helidon answers before routing (a request line too long, a
     * malformed header): without these, those few 4xx would be plain text. Install on the server
     * builder with {@code .directHandlers(ProblemHandlers.directHandlers())}.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            Problem problem = Problem.of(status.code(), status.reasonPhrase(),
                    message == null || message.isBlank() ? status.reasonPhrase() : message);
            DirectHandler.TransportResponse.Builder response = DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .header(HeaderNames.CACHE_CONTROL, "no-store");
            // A HEAD answer ends with its head: a body here would be read as the next response.
            return "HEAD".equals(request.method()) ? response.build() : response.entity(toJson(problem)).build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    /**
     * The last route of a routing: anything no route matched becomes a 404 problem document
     * (Helidon's own fallback would answer text/plain).
     */
    public static void registerNotFoundFallback(HttpRouting.Builder routing) {
        routing.any((req, res) -> send(res, Problem.of(404, "Not Found",
                "No route for " + req.prologue().method().text() + " " + req.path().path())));
    }

    /** Writes a problem as the response, unless the response is already on its way. */
    public static void send(ServerResponse res, Problem problem) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(toJson(problem));
    }

    public static byte[] toJson(Problem problem) {
        try {
            return Json.mapper().writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and ints always serialises; keep a valid body regardless.
            return ("{\"title\":\"Internal Server Error\",\"status\":" + problem.status() + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
