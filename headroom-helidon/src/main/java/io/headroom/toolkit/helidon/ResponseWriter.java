package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.AcceptEncoding;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.ConditionalRequest;
import io.headroom.toolkit.http.ContentCoding;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends a {@link RenderedResponse}: conditional requests (HTTP-2: answered 304 when
 * {@link ConditionalRequest} says so), the negotiated coding (HTTP-4), and the caching headers
 * (HTTP-3). The one place Helidon routes apply these rules, for cached and uncached routes alike.
 *
 * <p>A cached entry's headers are Helidon header objects made once per entry ({@link EntryHeaders}, kept
 * with the entry) and a route's {@code Cache-Control} once per route ({@link #cacheControl}): a hit
 * formats no date, builds no ETag string and serialises no header value.
 */
public final class ResponseWriter {
    private static final Header VARY_ACCEPT_ENCODING = PreparedHeader.of(HeaderNames.VARY, "Accept-Encoding");
    private static final Header CONTENT_ENCODING_BR = PreparedHeader.of(HeaderNames.CONTENT_ENCODING, "br");
    private static final Header CONTENT_ENCODING_GZIP = PreparedHeader.of(HeaderNames.CONTENT_ENCODING, "gzip");

    private final Compression compression;

    public ResponseWriter(Compression compression) {
        this.compression = compression;
    }

    public Compression compression() {
        return compression;
    }

    /** A route's {@code Cache-Control} as a prepared header, to make once and pass to {@link #write(ServerRequest, ServerResponse, RenderedResponse, Header)}. */
    public static Header cacheControl(CacheControlPolicy policy) {
        return PreparedHeader.of(HeaderNames.CACHE_CONTROL, policy.headerValue());
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
        Header length = prepared.contentLength(coding);
        if (length != null) {
            // Helidon writes Content-Length itself only when it is absent, formatting the number for every
            // response: 5 % of a hit's samples (docs/cache-hit-profile.md). The entry's lengths are made once.
            res.header(length);
        }
        res.send(bytes);
    }

    /** Asks {@link ConditionalRequest}, which holds the rules for every framework. */
    static boolean notModified(ServerRequest req, RenderedResponse body) {
        Headers headers = req.headers();
        return ConditionalRequest.notModified(
                value(headers, HeaderNames.IF_NONE_MATCH),
                value(headers, HeaderNames.IF_MODIFIED_SINCE),
                body.etag(),
                body.lastModified());
    }

    /** A header's (first) value, null when absent: no Optional on a cache hit's path. */
    private static String value(Headers headers, HeaderName name) {
        return headers.contains(name) ? headers.get(name).get() : null;
    }

    /** A rendered entry's headers as Helidon header objects, their HTTP/1 bytes ready: made once per entry. */
    static final class EntryHeaders {
        private final Header brotliEtag;
        private final Header gzipEtag;
        private final Header identityEtag;
        private final Header lastModified;
        private final Header contentType;
        private final Header brotliLength;
        private final Header gzipLength;
        private final Header identityLength;

        private EntryHeaders(RenderedResponse body) {
            this.brotliEtag = PreparedHeader.of(HeaderNames.ETAG, body.etag(ContentCoding.BROTLI));
            this.gzipEtag = PreparedHeader.of(HeaderNames.ETAG, body.etag(ContentCoding.GZIP));
            this.identityEtag = PreparedHeader.of(HeaderNames.ETAG, body.etag(ContentCoding.IDENTITY));
            this.lastModified = PreparedHeader.of(HeaderNames.LAST_MODIFIED, body.lastModifiedHeader());
            this.contentType = PreparedHeader.of(HeaderNames.CONTENT_TYPE, body.contentType());
            this.brotliLength = length(body.variant(ContentCoding.BROTLI));
            this.gzipLength = length(body.variant(ContentCoding.GZIP));
            this.identityLength =
                    PreparedHeader.of(HeaderNames.CONTENT_LENGTH, Integer.toString(body.identity().length));
        }

        /** Null for a coding that is not precompressed: it is encoded per response, its length unknown here. */
        private static Header length(byte[] variant) {
            return variant.length == 0
                    ? null
                    : PreparedHeader.of(HeaderNames.CONTENT_LENGTH, Integer.toString(variant.length));
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

        /** The stored variant's Content-Length; null for a coding that is encoded per response. */
        Header contentLength(ContentCoding coding) {
            return switch (coding) {
                case BROTLI -> brotliLength;
                case GZIP -> gzipLength;
                case IDENTITY -> identityLength;
            };
        }
    }
}
