package io.headroom.toolkit.helidon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.headroom.toolkit.db.DatabaseUnavailable;
import io.headroom.toolkit.db.RetryAfterHint;
import io.headroom.toolkit.http.DependencyUnavailableException;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.common.uri.UriPath;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code application/problem+json}: a {@link ProblemException} is the
 * handler's chosen answer; Helidon's own request errors (a bad path encoding, a 404 from routing)
 * keep their status; a database that is down ({@link DatabaseUnavailable}) or another dependency that is
 * ({@link DependencyUnavailableException}) is a 503 with {@code Retry-After}; anything else is a bug, logged with its stack and answered 500 without
 * leaking internals. The routing's last route answers 405 (with {@code Allow}) or 404.
 */
public final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);
    private static final OutageLog OUTAGES = new OutageLog(Duration.ofSeconds(10), LOG::warn);

    private ProblemHandlers() {}

    public static void register(HttpRouting.Builder routing) {
        // Error handlers get the raw response even when a HEAD route failed: forRequest drops the body.
        routing.error(ProblemException.class, (req, res, e) -> send(HeadResponse.forRequest(req, res), e.problem()));
        routing.error(RequestException.class, (req, res, e) -> {
            int status = e.status().code();
            send(
                    HeadResponse.forRequest(req, res),
                    Problem.of(status, e.status().reasonPhrase(), e.getMessage()));
        });
        // Helidon's own answers (no route matched: NotFoundException, without the opt-in fallback) keep their status.
        routing.error(HttpException.class, (req, res, e) -> {
            int status = e.status().code();
            String detail = status == 404
                    ? "No route for " + req.prologue().method().text() + " "
                            + req.path().path()
                    : e.getMessage();
            send(
                    HeadResponse.forRequest(req, res),
                    Problem.of(status, e.status().reasonPhrase(), detail));
        });
        routing.error(Exception.class, (req, res, e) -> {
            ServerResponse response = HeadResponse.forRequest(req, res);
            Optional<String> unavailable = DependencyUnavailableException.in(e)
                    .map(d -> d.dependency() + " is unavailable; retry shortly.")
                    .or(() -> DatabaseUnavailable.isCause(e)
                            ? Optional.of("The database is busy or unreachable; retry shortly.")
                            : Optional.empty());
            if (unavailable.isPresent()) {
                OUTAGES.unavailable(req.prologue().method().text(), req.path().rawPath(), e.getMessage());
                response.header(HeaderNames.RETRY_AFTER, String.valueOf(retryAfterSeconds(e)));
                send(response, Problem.of(503, "Service Unavailable", unavailable.get()));
                return;
            }
            LOG.error(
                    "Unhandled error on {} {}",
                    req.prologue().method().text(),
                    req.path().rawPath(),
                    e);
            send(response, Problem.of(500, "Internal Server Error", "The server failed to handle this request."));
        });
    }

    /** One second, unless a failure in the chain knows better ({@link RetryAfterHint}: an open circuit breaker). */
    static long retryAfterSeconds(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryAfterHint hint) {
                return Math.max(1, (hint.retryAfter().toMillis() + 999) / 1000);
            }
        }
        return 1;
    }

    /**
     * Problem documents for the errors Helidon answers before routing (a request line too long, a
     * malformed header): without these, those few 4xx would be plain text. Install on the server
     * builder with {@code .directHandlers(ProblemHandlers.directHandlers())}.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, reported, headers, message) -> {
            // Before routing, Helidon raises INTERNAL_ERROR only for bytes it could not parse (a control
            // character in the method makes Method.create throw): the client's fault, a 400, not a 500.
            // Failures inside routing are answered by the routing's error handlers above, not here.
            Status status = eventType == DirectHandler.EventType.INTERNAL_ERROR ? Status.BAD_REQUEST_400 : reported;
            String detail = eventType == DirectHandler.EventType.INTERNAL_ERROR
                    ? "The request line or headers could not be parsed."
                    : message == null || message.isBlank() ? status.reasonPhrase() : message;
            Problem problem = Problem.of(status.code(), status.reasonPhrase(), detail);
            DirectHandler.TransportResponse.Builder response = DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .header(HeaderNames.CACHE_CONTROL, "no-store");
            // A HEAD answer ends with its head: a body here would be read as the next response.
            return "HEAD".equals(request.method())
                    ? response.build()
                    : response.entity(toJson(problem)).build();
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
        registerFallback(routing, path -> Set.of());
    }

    /**
     * The last route of a routing: a path some route serves with other methods is a 405 with
     * {@code Allow} listing them (RFC 9110 15.5.6); any other unmatched request is a 404. Both are problem
     * documents (Helidon's own fallback would answer text/plain).
     *
     * @param allowedMethods the methods routes serve for a decoded path, empty when none matches it
     */
    public static void registerFallback(HttpRouting.Builder routing, Function<UriPath, Set<Method>> allowedMethods) {
        routing.any((req, res) -> {
            ServerResponse response = HeadResponse.forRequest(req, res);
            Set<Method> allowed = allowedMethods.apply(req.path());
            String request = req.prologue().method().text() + " " + req.path().path();
            if (allowed.isEmpty()) {
                send(response, Problem.of(404, "Not Found", "No route for " + request));
                return;
            }
            String allow = allowed.stream().map(Method::text).sorted().collect(Collectors.joining(", "));
            response.header(HeaderNames.ALLOW, allow);
            send(
                    response,
                    Problem.of(405, "Method Not Allowed", "No route for " + request + "; this path allows " + allow));
        });
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
