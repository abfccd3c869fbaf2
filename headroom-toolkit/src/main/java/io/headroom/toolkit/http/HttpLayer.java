package io.headroom.toolkit.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

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
     * Server-level settings: the request body limit (Helidon refuses an oversized body before any
     * route runs, so the 413, like other pre-routing errors, is written by the problem direct
     * handlers), and TCP_NODELAY: a body larger than the write buffer goes out in several writes,
     * and with Nagle's algorithm the last one waits for the client's delayed ACK (~40 ms) on a
     * keep-alive connection. Measured with bench/cache-wrk on a 22 KB cached page: about 600 req/s
     * with Nagle, see docs/http-layer.md for the figure without.
     */
    public WebServerConfig.Builder configure(WebServerConfig.Builder server) {
        return server.maxPayloadSize(settings.maxBodyBytes())
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .addProtocol(Http1Config.builder()
                        // "100 Continue" at once: the body is then expected and, when a route does not
                        // read it, discarded. Otherwise Helidon assumes a client that got no 100 sent no
                        // body, and a body sent anyway (RFC 9110 10.1.1 allows it) is parsed as the next
                        // request on the connection: a smuggling path. Costs a 25-byte write per such request.
                        .continueImmediately(true)
                        .build())
                .directHandlers(ProblemHandlers.directHandlers());
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
