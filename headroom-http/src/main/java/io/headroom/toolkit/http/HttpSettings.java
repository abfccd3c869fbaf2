package io.headroom.toolkit.http;

import io.headroom.toolkit.config.ComponentCheck;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP layer's configuration, read from flat settings ({@link #from}) or built in code
 * ({@link #builder}). Validated on construction under the components' names; {@link #from} checks
 * the same ranges under the host's keys first, so its errors name the key the host set.
 *
 * @param maxBodyBytes HTTP_MAX_BODY_BYTES: larger request bodies are refused with 413
 * @param brotliQuality HTTP_BROTLI_QUALITY (0-11)
 * @param gzipLevel HTTP_GZIP_LEVEL (1-9)
 * @param publicMaxAge HTTP_PUBLIC_MAX_AGE: browsers' freshness for the public API
 * @param sharedMaxAge HTTP_SHARED_MAX_AGE: shared caches' (CDN) freshness, {@code s-maxage}
 * @param staleWhileRevalidate HTTP_STALE_WHILE_REVALIDATE
 * @param hsts HTTP_HSTS: send Strict-Transport-Security (only behind TLS)
 * @param maxRequestLineBytes HTTP_MAX_REQUEST_LINE_BYTES: a longer request line is answered 414
 * @param headerReadTimeout HTTP_HEADER_READ_TIMEOUT: a request's line and headers must arrive within
 *        this, counted from the accept (first request) or from the request's first byte (later ones)
 * @param keepAliveTimeout HTTP_KEEP_ALIVE_TIMEOUT: how long an HTTP/1.1 connection may wait for its
 *        next request after a response
 * @param idleTimeout HTTP_IDLE_TIMEOUT: any connection (HTTP/1.1 or HTTP/2) with no request in
 *        progress for this long is closed
 * @param validateResponseHeaders HTTP_VALIDATE_RESPONSE_HEADERS: the server checks every response header's
 *        name and value (no CR, LF or other control character) as it writes them. On by default: it stops a
 *        handler that copies input into a header from splitting the response. A service whose handlers set
 *        only headers it builds itself may turn it off: with the seventeen headers a cached hit carries it was
 *        14 % of the request threads' samples in a JFR profile of such hits (docs/cache-hit-profile.md).
 */
public record HttpSettings(
        long maxBodyBytes,
        int brotliQuality,
        int gzipLevel,
        Duration publicMaxAge,
        Duration sharedMaxAge,
        Duration staleWhileRevalidate,
        boolean hsts,
        int maxRequestLineBytes,
        Duration headerReadTimeout,
        Duration keepAliveTimeout,
        Duration idleTimeout,
        boolean validateResponseHeaders) {

    /**
     * Helidon reads a socket 8 KiB at a time and identifies the protocol from the first read: a
     * request line limit below that makes a longer line unidentifiable, and the connection is closed
     * without an answer instead of a 414.
     */
    static final int MIN_REQUEST_LINE_BYTES = 8192;

    public HttpSettings {
        ComponentCheck.between("maxBodyBytes", maxBodyBytes, 1024, 1024L * 1024 * 1024);
        ComponentCheck.between("brotliQuality", brotliQuality, 0, 11);
        ComponentCheck.between("gzipLevel", gzipLevel, 1, 9);
        ComponentCheck.notNegative("publicMaxAge", publicMaxAge);
        ComponentCheck.notNegative("sharedMaxAge", sharedMaxAge);
        ComponentCheck.notNegative("staleWhileRevalidate", staleWhileRevalidate);
        ComponentCheck.between("maxRequestLineBytes", maxRequestLineBytes, MIN_REQUEST_LINE_BYTES, 65536);
        ComponentCheck.positive("headerReadTimeout", headerReadTimeout);
        ComponentCheck.positive("keepAliveTimeout", keepAliveTimeout);
        ComponentCheck.positive("idleTimeout", idleTimeout);
    }

    /** Every setting at its default. */
    public static HttpSettings defaults() {
        return from(new Settings(Map.of()));
    }

    /** A builder starting from {@link #defaults()}: {@code HttpSettings.builder().brotliQuality(4).build()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    public static HttpSettings from(Settings s) {
        return new HttpSettings(
                s.longValue("HTTP_MAX_BODY_BYTES", 1024 * 1024, 1024, 1024L * 1024 * 1024),
                s.integer("HTTP_BROTLI_QUALITY", 5, 0, 11),
                s.integer("HTTP_GZIP_LEVEL", 6, 1, 9),
                s.duration("HTTP_PUBLIC_MAX_AGE", Duration.ofSeconds(30)),
                s.duration("HTTP_SHARED_MAX_AGE", Duration.ofMinutes(5)),
                s.duration("HTTP_STALE_WHILE_REVALIDATE", Duration.ofMinutes(1)),
                s.bool("HTTP_HSTS", false),
                s.integer("HTTP_MAX_REQUEST_LINE_BYTES", MIN_REQUEST_LINE_BYTES, MIN_REQUEST_LINE_BYTES, 65536),
                positive(s, "HTTP_HEADER_READ_TIMEOUT", Duration.ofSeconds(10)),
                positive(s, "HTTP_KEEP_ALIVE_TIMEOUT", Duration.ofSeconds(60)),
                positive(s, "HTTP_IDLE_TIMEOUT", Duration.ofMinutes(5)),
                s.bool("HTTP_VALIDATE_RESPONSE_HEADERS", true));
    }

    /** Connection timeouts cannot be switched off: a connection nobody closes is the attack they stop. */
    private static Duration positive(Settings s, String name, Duration defaultValue) {
        Duration value = s.duration(name, defaultValue);
        if (value.isZero()) {
            throw new ConfigException(s.key(name) + "=" + s.optional(name).orElse("") + " is not accepted: expected a "
                    + "duration above zero such as 500ms or 30s (connection timeouts cannot be disabled)");
        }
        return value;
    }

    public CacheControlPolicy publicApi() {
        return CacheControlPolicy.publicApi(publicMaxAge, sharedMaxAge, staleWhileRevalidate);
    }

    /** Sets components one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private long maxBodyBytes;
        private int brotliQuality;
        private int gzipLevel;
        private Duration publicMaxAge;
        private Duration sharedMaxAge;
        private Duration staleWhileRevalidate;
        private boolean hsts;
        private int maxRequestLineBytes;
        private Duration headerReadTimeout;
        private Duration keepAliveTimeout;
        private Duration idleTimeout;
        private boolean validateResponseHeaders;

        private Builder(HttpSettings start) {
            maxBodyBytes = start.maxBodyBytes;
            brotliQuality = start.brotliQuality;
            gzipLevel = start.gzipLevel;
            publicMaxAge = start.publicMaxAge;
            sharedMaxAge = start.sharedMaxAge;
            staleWhileRevalidate = start.staleWhileRevalidate;
            hsts = start.hsts;
            maxRequestLineBytes = start.maxRequestLineBytes;
            headerReadTimeout = start.headerReadTimeout;
            keepAliveTimeout = start.keepAliveTimeout;
            idleTimeout = start.idleTimeout;
            validateResponseHeaders = start.validateResponseHeaders;
        }

        public Builder validateResponseHeaders(boolean validateResponseHeaders) {
            this.validateResponseHeaders = validateResponseHeaders;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder brotliQuality(int brotliQuality) {
            this.brotliQuality = brotliQuality;
            return this;
        }

        public Builder gzipLevel(int gzipLevel) {
            this.gzipLevel = gzipLevel;
            return this;
        }

        public Builder publicMaxAge(Duration publicMaxAge) {
            this.publicMaxAge = publicMaxAge;
            return this;
        }

        public Builder sharedMaxAge(Duration sharedMaxAge) {
            this.sharedMaxAge = sharedMaxAge;
            return this;
        }

        public Builder staleWhileRevalidate(Duration staleWhileRevalidate) {
            this.staleWhileRevalidate = staleWhileRevalidate;
            return this;
        }

        public Builder hsts(boolean hsts) {
            this.hsts = hsts;
            return this;
        }

        public Builder maxRequestLineBytes(int maxRequestLineBytes) {
            this.maxRequestLineBytes = maxRequestLineBytes;
            return this;
        }

        public Builder headerReadTimeout(Duration headerReadTimeout) {
            this.headerReadTimeout = headerReadTimeout;
            return this;
        }

        public Builder keepAliveTimeout(Duration keepAliveTimeout) {
            this.keepAliveTimeout = keepAliveTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(
                    maxBodyBytes,
                    brotliQuality,
                    gzipLevel,
                    publicMaxAge,
                    sharedMaxAge,
                    staleWhileRevalidate,
                    hsts,
                    maxRequestLineBytes,
                    headerReadTimeout,
                    keepAliveTimeout,
                    idleTimeout,
                    validateResponseHeaders);
        }
    }
}
