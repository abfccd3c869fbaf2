package io.headroom.toolkit.http;

import io.headroom.toolkit.config.Settings;
import java.time.Duration;

/**
 * The HTTP layer's configuration, read from flat settings and validated at start-up.
 *
 * @param maxBodyBytes HTTP_MAX_BODY_BYTES: larger request bodies are refused with 413
 * @param brotliQuality HTTP_BROTLI_QUALITY (0-11)
 * @param gzipLevel HTTP_GZIP_LEVEL (1-9)
 * @param publicMaxAge HTTP_PUBLIC_MAX_AGE: browsers' freshness for the public API
 * @param sharedMaxAge HTTP_SHARED_MAX_AGE: shared caches' (CDN) freshness, {@code s-maxage}
 * @param staleWhileRevalidate HTTP_STALE_WHILE_REVALIDATE
 * @param hsts HTTP_HSTS: send Strict-Transport-Security (only behind TLS)
 */
public record HttpSettings(
        long maxBodyBytes, int brotliQuality, int gzipLevel,
        Duration publicMaxAge, Duration sharedMaxAge, Duration staleWhileRevalidate, boolean hsts) {

    public static HttpSettings from(Settings s) {
        return new HttpSettings(
                s.longValue("HTTP_MAX_BODY_BYTES", 1024 * 1024, 1024, 1024L * 1024 * 1024),
                s.integer("HTTP_BROTLI_QUALITY", 5, 0, 11),
                s.integer("HTTP_GZIP_LEVEL", 6, 1, 9),
                s.duration("HTTP_PUBLIC_MAX_AGE", Duration.ofSeconds(30)),
                s.duration("HTTP_SHARED_MAX_AGE", Duration.ofMinutes(5)),
                s.duration("HTTP_STALE_WHILE_REVALIDATE", Duration.ofMinutes(1)),
                s.bool("HTTP_HSTS", false));
    }

    public CacheControlPolicy publicApi() {
        return CacheControlPolicy.publicApi(publicMaxAge, sharedMaxAge, staleWhileRevalidate);
    }
}
