package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.AcceptEncoding;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
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

    /** RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    static boolean notModified(HttpServletRequest req, RenderedResponse body) {
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, body.etag());
        }
        try {
            long since = req.getDateHeader("If-Modified-Since");
            return since >= 0 && body.lastModified().toEpochMilli() <= since;
        } catch (IllegalArgumentException e) {
            return false; // an invalid date is ignored (RFC 9110 13.1.3)
        }
    }

    /**
     * Weak comparison, as If-None-Match requires: {@code W/} is ignored, and so is the coding suffix,
     * so a client holding the gzip representation revalidates against the same content.
     */
    static boolean etagMatches(String header, String contentEtag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            for (ContentCoding coding : ContentCoding.values()) {
                if (!coding.etagSuffix().isEmpty() && tag.endsWith(coding.etagSuffix())) {
                    tag = tag.substring(0, tag.length() - coding.etagSuffix().length());
                    break;
                }
            }
            if (tag.equals(contentEtag)) {
                return true;
            }
        }
        return false;
    }
}
