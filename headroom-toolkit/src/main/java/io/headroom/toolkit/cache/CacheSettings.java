package io.headroom.toolkit.cache;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * The cache's configuration, read from flat settings and validated at start-up.
 *
 * @param enabled CACHE_ENABLED: false answers every request from the database (for comparison runs)
 * @param redisUrl REDIS_URL: the shared level; empty means in-process only
 * @param maxBytes CACHE_MAX_BYTES: the L1 byte bound
 * @param maxEntries CACHE_MAX_ENTRIES: the L1 entry bound
 * @param redisTimeout REDIS_TIMEOUT: the longest any request waits on Redis
 * @param circuitOpenFor REDIS_CIRCUIT_OPEN_FOR: how long the circuit stays open before probing Redis again
 * @param syncInterval CACHE_SYNC_INTERVAL: version check period; missed invalidations are caught within twice this
 * @param warmInterval CACHE_WARM_INTERVAL: warming period after the start-up warm; zero disables the schedule
 * @param keyPrefix CACHE_KEY_PREFIX: prefix of every Redis key and of the channel
 */
public record CacheSettings(
        boolean enabled,
        Optional<String> redisUrl,
        long maxBytes,
        long maxEntries,
        Duration redisTimeout,
        Duration circuitOpenFor,
        Duration syncInterval,
        Duration warmInterval,
        String keyPrefix) {

    public CacheSettings {
        redisUrl.ifPresent(url -> {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new ConfigException("REDIS_URL='" + url + "' is not valid: expected redis://host:port or rediss://host:port");
            }
        });
        requireBetween("REDIS_TIMEOUT", redisTimeout, Duration.ofMillis(10), Duration.ofSeconds(10));
        requireBetween("REDIS_CIRCUIT_OPEN_FOR", circuitOpenFor, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireBetween("CACHE_SYNC_INTERVAL", syncInterval, Duration.ofMillis(50), Duration.ofMinutes(1));
    }

    public static CacheSettings from(Settings s) {
        return new CacheSettings(
                s.bool("CACHE_ENABLED", true),
                s.optional("REDIS_URL"),
                s.longValue("CACHE_MAX_BYTES", 100L * 1024 * 1024, 1024 * 1024, 64L * 1024 * 1024 * 1024),
                s.longValue("CACHE_MAX_ENTRIES", 100_000, 1, 100_000_000),
                s.duration("REDIS_TIMEOUT", Duration.ofMillis(250)),
                s.duration("REDIS_CIRCUIT_OPEN_FOR", Duration.ofSeconds(5)),
                s.duration("CACHE_SYNC_INTERVAL", Duration.ofSeconds(1)),
                s.duration("CACHE_WARM_INTERVAL", Duration.ofMinutes(10)),
                s.string("CACHE_KEY_PREFIX", "headroom:cache:"));
    }

    /** Builds the cache these settings describe (connecting to Redis when configured). */
    public TwoLevelCache open() {
        SharedStore shared = redisUrl
                .<SharedStore>map(url -> new RedisSharedStore(url, keyPrefix, redisTimeout, circuitOpenFor))
                .orElseGet(SharedStore::none);
        return TwoLevelCache.builder().maxBytes(maxBytes).maxEntries(maxEntries).syncInterval(syncInterval)
                .shared(shared).build();
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(name + "=" + value + " is not valid: expected between " + min + " and " + max);
        }
    }
}
