package io.headroom.toolkit.helidon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.headroom.toolkit.http.RenderedResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The last good rendering of each cached response, kept past the response cache's TTL for
 * {@code stale-if-error} (RFC 5861): when the source of a response fails because a dependency is down,
 * the {@link ResponseCache} answers with this copy and an {@code Age} header instead of a 503. Bounded by
 * bytes (the renderings are shared with the cache while they are live there, so this costs memory only for
 * entries the cache has let go) and by age: a copy older than the window is not served.
 */
public final class StaleCopies {
    private final Cache<String, RenderedResponse> copies;

    private StaleCopies(Cache<String, RenderedResponse> copies) {
        this.copies = copies;
    }

    /** Keeps copies for {@code window}, at most {@code maxBytes} of them (the oldest written go first). */
    public static StaleCopies keep(Duration window, long maxBytes) {
        return new StaleCopies(Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumWeight(maxBytes)
                .weigher((String key, RenderedResponse r) ->
                        key.length() + r.identity().length + r.brotli().length + r.gzip().length)
                .build());
    }

    /** Keeps nothing: a failing source is a failure. */
    public static StaleCopies none() {
        return new StaleCopies(null);
    }

    // Identity on purpose: a hit hands back the very object kept last time, and skipping the put then saves a
    // cache write per hit; an equal but different object is a new rendering and is kept.
    @SuppressWarnings("ReferenceEquality")
    public void keep(String keyspace, String key, RenderedResponse response) {
        if (copies != null && copies.getIfPresent(keyspace + '\u0000' + key) != response) {
            copies.put(keyspace + '\u0000' + key, response);
        }
    }

    public Optional<RenderedResponse> find(String keyspace, String key) {
        return copies == null ? Optional.empty() : Optional.ofNullable(copies.getIfPresent(keyspace + '\u0000' + key));
    }
}
