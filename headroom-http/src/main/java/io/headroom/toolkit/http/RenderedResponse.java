package io.headroom.toolkit.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;

/**
 * A response body ready to send: the bytes, their brotli and gzip variants when worth having
 * (empty arrays otherwise), the strong ETag of the content and its Last-Modified time. Cached as
 * is, so serving a hit is choosing an array and copying it to the socket: no serialisation, no
 * compression, no hashing, and no header text either: the quoted ETag of each coding and the
 * Last-Modified date are written once here, and a framework keeps its own header objects with the
 * entry ({@link #prepared}). The arrays are shared, never modified.
 *
 * <p>Equality is identity, as the record this was compared its arrays by reference; a class rather
 * than a record because a record cannot keep the derived header text.
 */
public final class RenderedResponse {
    private static final byte[] NONE = new byte[0];

    private final String contentType;
    private final byte[] identity;
    private final byte[] brotli;
    private final byte[] gzip;
    private final String etag;
    private final Instant lastModified;
    private final boolean worthCompressing;
    private final String brotliEtag;
    private final String gzipEtag;
    private final String identityEtag;
    private final String httpDate;
    /**
     * A framework's header objects for this entry, made on first use and then read by every hit. Racy on
     * purpose: two threads may both make it, and either result is the same; the value's final fields make it
     * safe to publish without a lock or a volatile read per hit.
     */
    private Object prepared;

    public RenderedResponse(
            String contentType, byte[] identity, byte[] brotli, byte[] gzip, String etag, Instant lastModified) {
        this.contentType = contentType;
        this.identity = identity;
        this.brotli = brotli;
        this.gzip = gzip;
        this.etag = etag;
        this.lastModified = lastModified;
        this.worthCompressing = Compression.worthCompressing(contentType, identity.length);
        this.brotliEtag = quoted(etag, ContentCoding.BROTLI);
        this.gzipEtag = quoted(etag, ContentCoding.GZIP);
        this.identityEtag = quoted(etag, ContentCoding.IDENTITY);
        this.httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC));
    }

    /** Renders everything now (for the response cache): both variants when the body qualifies. */
    public static RenderedResponse precompressed(
            byte[] body, String contentType, Instant lastModified, Compression compression) {
        boolean worth = Compression.worthCompressing(contentType, body.length);
        byte[] br = worth && Compression.brotliAvailable() ? compression.brotli(body) : NONE;
        byte[] gz = worth ? compression.gzip(body) : NONE;
        return new RenderedResponse(
                contentType, body, br, gz, etagOf(body), lastModified.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The body alone (for uncached responses): a variant is compressed only if a client asks for it. */
    public static RenderedResponse of(byte[] body, String contentType, Instant lastModified) {
        return new RenderedResponse(
                contentType, body, NONE, NONE, etagOf(body), lastModified.truncatedTo(ChronoUnit.SECONDS));
    }

    public String contentType() {
        return contentType;
    }

    public byte[] identity() {
        return identity;
    }

    public byte[] brotli() {
        return brotli;
    }

    public byte[] gzip() {
        return gzip;
    }

    /** The strong ETag of the content, unquoted and without a coding suffix. */
    public String etag() {
        return etag;
    }

    public Instant lastModified() {
        return lastModified;
    }

    public boolean worthCompressing() {
        return worthCompressing;
    }

    /** The stored variant of a coding, empty when not precompressed. */
    public byte[] variant(ContentCoding coding) {
        return switch (coding) {
            case BROTLI -> brotli;
            case GZIP -> gzip;
            case IDENTITY -> identity;
        };
    }

    /** The quoted strong ETag of a coding's representation. */
    public String etag(ContentCoding coding) {
        return switch (coding) {
            case BROTLI -> brotliEtag;
            case GZIP -> gzipEtag;
            case IDENTITY -> identityEtag;
        };
    }

    private static String quoted(String etag, ContentCoding coding) {
        return "\"" + etag + coding.etagSuffix() + "\"";
    }

    /** {@code Last-Modified} as an HTTP date (RFC 1123, GMT). */
    public String lastModifiedHeader() {
        return httpDate;
    }

    /**
     * The framework's prepared form of this entry's headers, made by {@code prepare} the first time it is
     * asked for and kept with the entry, so a cache hit reuses it. One framework per process is expected; a
     * value of another type is replaced.
     */
    public <T> T prepared(Class<T> type, Function<RenderedResponse, T> prepare) {
        Object kept = prepared;
        if (type.isInstance(kept)) {
            return type.cast(kept);
        }
        T made = prepare.apply(this);
        prepared = made;
        return made;
    }

    /** Bytes held: what the cache weighs this entry at. */
    public int size() {
        return identity.length + brotli.length + gzip.length + contentType.length() + etag.length() + 32;
    }

    @Override
    public String toString() {
        return "RenderedResponse[" + contentType + ", " + identity.length + " B, br " + brotli.length + " B, gzip "
                + gzip.length + " B, etag " + etag + ", " + lastModified + "]";
    }

    /** 128 bits of SHA-256 of the content, base64url: strong, and equal on every instance for equal bytes. */
    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
