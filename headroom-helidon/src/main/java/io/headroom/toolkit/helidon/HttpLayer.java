package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.CompressionStats;
import io.headroom.toolkit.http.HttpSettings;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;

/**
 * The HTTP performance layer in one place: the server settings (request body limit; keep-alive and
 * HTTP/2 — h2c by prior knowledge and by upgrade — come with Helidon's HTTP/1.1 connection and the
 * {@code helidon-webserver-http2} module on the class path), the security headers filter, and the
 * compression, conditional-response and response-cache parts routes use.
 */
public final class HttpLayer implements AutoCloseable {
    private final HttpSettings settings;
    private final ResponseWriter writer;
    private final ConnectionDeadlines deadlines;

    public HttpLayer(HttpSettings settings) {
        this.settings = settings;
        this.writer = new ResponseWriter(new Compression(settings.brotliQuality(), settings.gzipLevel()));
        this.deadlines = new ConnectionDeadlines(settings.headerReadTimeout(), settings.keepAliveTimeout());
    }

    /**
     * Server-level settings: the request body limit (Helidon refuses an oversized body before any
     * route runs, so the 413, like other pre-routing errors, is written by the problem direct
     * handlers), and TCP_NODELAY: a body larger than the write buffer goes out in several writes,
     * and with Nagle's algorithm the last one waits for the client's delayed ACK (~40 ms) on a
     * keep-alive connection. Measured with bench/cache-wrk on a 22 KB cached page: about 600 req/s
     * with Nagle, see docs/http-layer.md for the figure without.
     *
     * <p>Connection deadlines (SEC-1): the header-read and keep-alive deadlines of
     * {@link ConnectionDeadlines}, fed by HTTP/1 listeners, and Helidon's idle-connection timeout for
     * any protocol, checked every tenth of it. The request-line limit answers 414 (never below
     * Helidon's 8 KiB read, see {@link HttpSettings#MIN_REQUEST_LINE_BYTES}).
     */
    public WebServerConfig.Builder configure(WebServerConfig.Builder server) {
        Duration idle = settings.idleTimeout();
        return server.maxPayloadSize(settings.maxBodyBytes())
                .connectionOptions(deadlines.watching(
                        SocketOptions.builder().tcpNoDelay(true).build()))
                .idleConnectionTimeout(idle)
                .idleConnectionPeriod(Duration.ofMillis(Math.clamp(idle.toMillis() / 10, 50, 10_000)))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(settings.maxRequestLineBytes())
                        .addReceiveListener(deadlines.receiveListener())
                        .addSendListener(deadlines.sendListener())
                        // "100 Continue" at once: the body is then expected and, when a route does not
                        // read it, discarded. Otherwise Helidon assumes a client that got no 100 sent no
                        // body, and a body sent anyway (RFC 9110 10.1.1 allows it) is parsed as the next
                        // request on the connection: a smuggling path. Costs a 25-byte write per such request.
                        .continueImmediately(true)
                        .validateResponseHeaders(settings.validateResponseHeaders())
                        .build())
                .directHandlers(ProblemHandlers.directHandlers());
    }

    /**
     * Filters every route gets; register before the routes: the connection deadlines' marker,
     * security headers, {@code Connection: close} honoured, NUL characters refused.
     */
    public void register(HttpRouting.Builder routing) {
        registerConnectionMarker(routing);
        registerSecurityHeaders(routing, SecurityHeaders.API_CSP);
        registerGuards(routing);
    }

    /** The connection deadlines' marker: first, so a request refused by a later filter still counts as served. */
    public void registerConnectionMarker(HttpRouting.Builder routing) {
        routing.addFilter(deadlines.servedFilter());
    }

    /** Security headers on every response (HSTS when the settings ask for it). */
    public void registerSecurityHeaders(HttpRouting.Builder routing, String contentSecurityPolicy) {
        routing.addFilter(new SecurityHeaders(contentSecurityPolicy, settings.hsts()));
    }

    /** {@code Connection: close} honoured, NUL characters refused. */
    public void registerGuards(HttpRouting.Builder routing) {
        routing.addFilter(new CloseWhenAsked());
        routing.addFilter(new NulGuard());
    }

    public HttpSettings settings() {
        return settings;
    }

    public ResponseWriter writer() {
        return writer;
    }

    public ResponseCache responseCache(boolean enabled) {
        return new ResponseCache(writer, enabled);
    }

    /** As {@link #responseCache(boolean)}, answering from {@code stale} copies while the database is down. */
    public ResponseCache responseCache(boolean enabled, StaleCopies stale) {
        return new ResponseCache(writer, enabled, stale);
    }

    public CacheControlPolicy publicApi() {
        return settings.publicApi();
    }

    public CompressionStats compressionStats() {
        return writer.compression().stats();
    }

    ConnectionDeadlines deadlines() {
        return deadlines;
    }

    /** Stops the connection-deadline watchdog; after the server has stopped. */
    @Override
    public void close() {
        deadlines.close();
    }
}
