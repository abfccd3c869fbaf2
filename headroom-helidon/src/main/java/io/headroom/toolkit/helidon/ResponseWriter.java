package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.AcceptEncoding;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.ContentCoding;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends a {@link RenderedResponse}: conditional requests (HTTP-2: {@code If-None-Match} first, then
 * {@code If-Modified-Since}, answered 304), the negotiated coding (HTTP-4), and the caching headers
 * (HTTP-3). The one place where these rules live, for cached and uncached routes alike.
 */
public final class ResponseWriter {
    private final Compression compression;

    public ResponseWriter(Compression compression) {
        this.compression = compression;
    }

    public Compression compression() {
        return compression;
    }

    public void write(ServerRequest req, ServerResponse res, RenderedResponse body, CacheControlPolicy policy) {
        boolean negotiable = body.worthCompressing();
        ContentCoding coding = negotiable
                ? AcceptEncoding.negotiate(
                        req.headers().first(HeaderNames.ACCEPT_ENCODING), Compression.brotliAvailable())
                : ContentCoding.IDENTITY;
        res.header(HeaderNames.CACHE_CONTROL, policy.headerValue());
        res.header(HeaderNames.ETAG, body.etag(coding));
        res.header(HeaderNames.LAST_MODIFIED, httpDate(body.lastModified()));
        if (negotiable) {
            res.header(HeaderNames.VARY, "Accept-Encoding");
        }
        if (notModified(req, body)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        byte[] bytes = body.variant(coding);
        if (bytes.length == 0 && coding != ContentCoding.IDENTITY) {
            bytes = compression.encode(coding, body.identity()); // not precompressed: an uncached route
        }
        res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        if (coding != ContentCoding.IDENTITY) {
            res.header(HeaderNames.CONTENT_ENCODING, coding.token());
        }
        res.send(bytes);
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    static boolean notModified(ServerRequest req, RenderedResponse body) {
        Optional<String> ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch.isPresent()) {
            return etagMatches(ifNoneMatch.get(), body.etag());
        }
        Optional<String> ifModifiedSince = req.headers().first(HeaderNames.IF_MODIFIED_SINCE);
        if (ifModifiedSince.isPresent()) {
            try {
                Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                        ifModifiedSince.get().trim(), Instant::from);
                return !body.lastModified().isAfter(since);
            } catch (DateTimeParseException e) {
                return false; // an invalid date is ignored (RFC 9110 13.1.3)
            }
        }
        return false;
    }

    /**
     * Weak comparison, as If-None-Match requires: {@code W/} is ignored, and so is our coding suffix,
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

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
