package io.headroom.toolkit.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

/**
 * A response body ready to send: the bytes, their brotli and gzip variants when worth having
 * (empty arrays otherwise), the strong ETag of the content and its Last-Modified time. Cached as
 * is, so serving a hit is choosing an array and copying it to the socket: no serialisation, no
 * compression, no hashing. The arrays are shared, never modified.
 */
public record RenderedResponse(
        String contentType, byte[] identity, byte[] brotli, byte[] gzip, String etag, Instant lastModified) {

    private static final byte[] NONE = new byte[0];

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

    public boolean worthCompressing() {
        return Compression.worthCompressing(contentType, identity.length);
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
        return "\"" + etag + coding.etagSuffix() + "\"";
    }

    /** Bytes held: what the cache weighs this entry at. */
    public int size() {
        return identity.length + brotli.length + gzip.length + contentType.length() + etag.length() + 32;
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
