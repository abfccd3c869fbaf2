package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.RenderedResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outer half of the response cache: gives GET requests a {@link CapturingResponse}, and after
 * a miss (armed by {@link ResponseCacheInterceptor}) renders what the handler wrote, stores it and
 * sends the negotiated variant. Only a synchronous 200 is kept; anything else (a problem answer,
 * an error) goes out as the handler wrote it, marked {@code X-Cache: BYPASS}.
 */
final class ResponseCacheFilter extends OncePerRequestFilter {
    private final RenderedWriter writer;

    ResponseCacheFilter(RenderedWriter writer) {
        this.writer = writer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest req) {
        return !"GET".equals(req.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        CapturingResponse capture = new CapturingResponse(res);
        chain.doFilter(req, capture);
        if (!capture.capturing()) {
            return;
        }
        byte[] body = capture.release();
        ResponseCacheInterceptor.Miss miss =
                (ResponseCacheInterceptor.Miss) req.getAttribute(ResponseCacheInterceptor.MISS);
        String type = capture.getContentType();
        if (capture.getStatus() != HttpServletResponse.SC_OK || req.isAsyncStarted() || type == null) {
            miss.route().counters().bypasses().increment();
            capture.setHeader(RenderedWriter.X_CACHE, "BYPASS");
            capture.setContentLength(body.length);
            capture.getOutputStream().write(body);
            return;
        }
        miss.route().counters().misses().increment();
        RenderedResponse rendered = RenderedResponse.precompressed(body, type, Instant.now(), writer.compression());
        // A concurrent miss of the same key may have stored first: serve what the cache holds, so every
        // client sees one ETag for one entry.
        RenderedResponse stored = miss.route().keyspace().getOrLoad(miss.key(), () -> rendered);
        writer.write(req, capture, stored, miss.route().policy(), "MISS");
    }
}
