package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.AcceptEncoding;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.ContentCoding;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Sends a {@link RenderedResponse}: conditional requests (HTTP-2: {@code If-None-Match} first, then
 * {@code If-Modified-Since}, answered 304), the negotiated coding (HTTP-4), and the caching headers
 * (HTTP-3). The one place where these rules live, for cached and uncached routes alike.
 *
 * <p>A cached entry's headers are Helidon header objects made once per entry ({@link EntryHeaders}, kept
 * with the entry) and a route's {@code Cache-Control} once per route ({@link #cacheControl}): a hit
 * formats no date, builds no ETag string and serialises no header value.
 */
public final class ResponseWriter {
    private static final Header VARY_ACCEPT_ENCODING = HeaderValues.createCached(HeaderNames.VARY, "Accept-Encoding");
    private static final Header CONTENT_ENCODING_BR = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "br");
    private static final Header CONTENT_ENCODING_GZIP = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "gzip");

    private final Compression compression;

    public ResponseWriter(Compression compression) {
        this.compression = compression;
    }

    public Compression compression() {
        return compression;
    }

    /** A route's {@code Cache-Control} as a prepared header, to make once and pass to {@link #write(ServerRequest, ServerResponse, RenderedResponse, Header)}. */
    public static Header cacheControl(CacheControlPolicy policy) {
        return HeaderValues.createCached(HeaderNames.CACHE_CONTROL, policy.headerValue());
    }

    public void write(ServerRequest req, ServerResponse res, RenderedResponse body, CacheControlPolicy policy) {
        write(req, res, body, cacheControl(policy));
    }

    /** As {@link #write(ServerRequest, ServerResponse, RenderedResponse, CacheControlPolicy)}, the policy prepared. */
    public void write(ServerRequest req, ServerResponse res, RenderedResponse body, Header cacheControl) {
        EntryHeaders prepared = body.prepared(EntryHeaders.class, EntryHeaders::of);
        boolean negotiable = body.worthCompressing();
        Headers headers = req.headers();
        ContentCoding coding = negotiable && headers.contains(HeaderNames.ACCEPT_ENCODING)
                ? AcceptEncoding.negotiate(
                        headers.get(HeaderNames.ACCEPT_ENCODING).get(), Compression.brotliAvailable())
                : ContentCoding.IDENTITY;
        res.header(cacheControl);
        res.header(prepared.etag(coding));
        res.header(prepared.lastModified());
        if (negotiable && !res.headers().contains(HeaderNames.VARY)) {
            res.header(VARY_ACCEPT_ENCODING); // a route that varies on more set its own, Accept-Encoding included
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
        res.header(prepared.contentType());
        if (coding != ContentCoding.IDENTITY) {
            res.header(coding == ContentCoding.BROTLI ? CONTENT_ENCODING_BR : CONTENT_ENCODING_GZIP);
        }
        res.send(bytes);
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    static boolean notModified(ServerRequest req, RenderedResponse body) {
        Headers headers = req.headers();
        if (headers.contains(HeaderNames.IF_NONE_MATCH)) {
            return etagMatches(headers.get(HeaderNames.IF_NONE_MATCH).get(), body.etag());
        }
        if (headers.contains(HeaderNames.IF_MODIFIED_SINCE)) {
            try {
                Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                        headers.get(HeaderNames.IF_MODIFIED_SINCE).get().trim(), Instant::from);
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

    /** A rendered entry's headers as Helidon header objects, their HTTP/1 bytes ready: made once per entry. */
    static final class EntryHeaders {
        private final Header brotliEtag;
        private final Header gzipEtag;
        private final Header identityEtag;
        private final Header lastModified;
        private final Header contentType;

        private EntryHeaders(RenderedResponse body) {
            this.brotliEtag = HeaderValues.createCached(HeaderNames.ETAG, body.etag(ContentCoding.BROTLI));
            this.gzipEtag = HeaderValues.createCached(HeaderNames.ETAG, body.etag(ContentCoding.GZIP));
            this.identityEtag = HeaderValues.createCached(HeaderNames.ETAG, body.etag(ContentCoding.IDENTITY));
            this.lastModified = HeaderValues.createCached(HeaderNames.LAST_MODIFIED, body.lastModifiedHeader());
            this.contentType = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, body.contentType());
        }

        static EntryHeaders of(RenderedResponse body) {
            return new EntryHeaders(body);
        }

        Header etag(ContentCoding coding) {
            return switch (coding) {
                case BROTLI -> brotliEtag;
                case GZIP -> gzipEtag;
                case IDENTITY -> identityEtag;
            };
        }

        Header lastModified() {
            return lastModified;
        }

        Header contentType() {
            return contentType;
        }
    }
}
