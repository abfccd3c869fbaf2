package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.AcceptEncoding;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.ConditionalRequest;
import io.headroom.toolkit.http.ContentCoding;
import io.headroom.toolkit.http.RenderedResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes a {@link RenderedResponse} to a servlet response: the variant the client's
 * {@code Accept-Encoding} negotiates, its strong ETag (one per coding), {@code Vary},
 * {@code Cache-Control}, {@code Last-Modified}, and 304 for a matching conditional request.
 *
 * <p>The servlet twin of the toolkit's Helidon-bound {@code ResponseWriter}. A body written here
 * with {@code Content-Encoding} set is left alone by Tomcat's {@code server.compression}, which
 * never compresses a response that already has a coding: that is what keeps the two from
 * compressing twice.
 */
final class RenderedWriter {
    static final String X_CACHE = "X-Cache";

    private final Compression compression;

    RenderedWriter(Compression compression) {
        this.compression = compression;
    }

    Compression compression() {
        return compression;
    }

    void write(
            HttpServletRequest req,
            HttpServletResponse res,
            RenderedResponse body,
            CacheControlPolicy policy,
            String xCache)
            throws IOException {
        boolean negotiable = body.worthCompressing();
        ContentCoding coding = negotiable
                ? AcceptEncoding.negotiate(
                        Optional.ofNullable(req.getHeader("Accept-Encoding")), Compression.brotliAvailable())
                : ContentCoding.IDENTITY;
        res.setHeader(X_CACHE, xCache);
        res.setHeader("Cache-Control", policy.headerValue());
        res.setHeader("ETag", body.etag(coding));
        res.setDateHeader("Last-Modified", body.lastModified().toEpochMilli());
        if (negotiable) {
            res.setHeader("Vary", "Accept-Encoding");
        }
        if (notModified(req, body)) {
            res.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = body.variant(coding);
        if (bytes.length == 0 && coding != ContentCoding.IDENTITY) {
            bytes = compression.encode(coding, body.identity());
        }
        res.setStatus(HttpServletResponse.SC_OK);
        res.setContentType(body.contentType());
        if (coding != ContentCoding.IDENTITY) {
            res.setHeader("Content-Encoding", coding.token());
        }
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    /** Asks {@link ConditionalRequest}, which holds the rules for every framework. */
    static boolean notModified(HttpServletRequest req, RenderedResponse body) {
        return ConditionalRequest.notModified(
                req.getHeader("If-None-Match"), req.getHeader("If-Modified-Since"), body.etag(), body.lastModified());
    }
}
