package io.headroom.toolkit.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * The HTTP performance layer in one place: the server settings (request body limit; keep-alive and
 * HTTP/2 — h2c by prior knowledge and by upgrade — come with Helidon's HTTP/1.1 connection and the
 * {@code helidon-webserver-http2} module on the class path), the security headers filter, and the
 * compression, conditional-response and response-cache parts routes use.
 */
public final class HttpLayer {
    private final HttpSettings settings;
    private final ResponseWriter writer;

    public HttpLayer(HttpSettings settings) {
        this.settings = settings;
        this.writer = new ResponseWriter(new Compression(settings.brotliQuality(), settings.gzipLevel()));
    }

    /**
     * Server-level settings: the request body limit. Helidon refuses an oversized body, and a
     * malformed request, before any route runs (as a BAD_REQUEST event carrying the status), so those
     * answers are written by a direct handler, as problem documents like every other error.
     */
    public WebServerConfig.Builder configure(WebServerConfig.Builder server) {
        DirectHandler problems = (request, event, status, headers, message) -> {
            String detail = status.code() == 413
                    ? "The request body is larger than the limit of " + settings.maxBodyBytes() + " bytes (HTTP_MAX_BODY_BYTES)"
                    : message;
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .entity(ProblemHandlers.toJson(Problem.of(status.code(), status.reasonPhrase(), detail)))
                    .keepAlive(false)
                    .build();
        };
        return server.maxPayloadSize(settings.maxBodyBytes())
                .directHandlers(handlers -> handlers
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, problems)
                        .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, problems));
    }

    /** Filters every route gets; register before the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new SecurityHeaders(SecurityHeaders.API_CSP, settings.hsts()));
    }

    public ResponseWriter writer() {
        return writer;
    }

    public ResponseCache responseCache(boolean enabled) {
        return new ResponseCache(writer, enabled);
    }

    public CacheControlPolicy publicApi() {
        return settings.publicApi();
    }

    public CompressionStats compressionStats() {
        return writer.compression().stats();
    }
}
