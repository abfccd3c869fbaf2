package io.headroom.toolkit.http;

import java.time.Duration;

/**
 * A route's {@code Cache-Control} (HTTP-3), one of a few named shapes so routes say what they are
 * rather than spell headers.
 */
public record CacheControlPolicy(String headerValue) {

    /**
     * The public API: browsers keep it {@code maxAge}, shared caches (CDN) {@code sharedMaxAge}, and
     * may serve it stale for {@code staleWhileRevalidate} while they refetch.
     */
    public static CacheControlPolicy publicApi(Duration maxAge, Duration sharedMaxAge, Duration staleWhileRevalidate) {
        return new CacheControlPolicy("public, max-age=" + maxAge.toSeconds() + ", s-maxage=" + sharedMaxAge.toSeconds()
                + ", stale-while-revalidate=" + staleWhileRevalidate.toSeconds());
    }

    /** Admin and auth answers: never stored by anyone. */
    public static CacheControlPolicy privateNoStore() {
        return new CacheControlPolicy("private, no-store");
    }

    /** Fingerprinted static assets: a year, never revalidated. */
    public static CacheControlPolicy immutable() {
        return new CacheControlPolicy("public, max-age=31536000, immutable");
    }

    /** Stored but revalidated every time (ETag makes that a cheap 304). */
    public static CacheControlPolicy revalidate() {
        return new CacheControlPolicy("no-cache");
    }
}
