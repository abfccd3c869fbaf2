package io.headroom.toolkit.cache;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /** Validates under the components' names; {@link #from} validates first under the host's keys. */
    public CacheSettings {
        validate(name -> name, redisUrl, redisTimeout, circuitOpenFor, syncInterval);
    }

    /** Defaults for everything (in-process only, enabled). */
    public static CacheSettings defaults() {
        return from(new Settings(Map.of()));
    }

    public static CacheSettings from(Settings s) {
        boolean enabled = s.bool("CACHE_ENABLED", true);
        Optional<String> redisUrl = s.optional("REDIS_URL");
        long maxBytes = s.longValue("CACHE_MAX_BYTES", 100L * 1024 * 1024, 1024 * 1024, 64L * 1024 * 1024 * 1024);
        long maxEntries = s.longValue("CACHE_MAX_ENTRIES", 100_000, 1, 100_000_000);
        Duration redisTimeout = s.duration("REDIS_TIMEOUT", Duration.ofMillis(250));
        Duration circuitOpenFor = s.duration("REDIS_CIRCUIT_OPEN_FOR", Duration.ofSeconds(5));
        Duration syncInterval = s.duration("CACHE_SYNC_INTERVAL", Duration.ofSeconds(1));
        validate(name -> s.key(CANONICAL.get(name)), redisUrl, redisTimeout, circuitOpenFor, syncInterval);
        return new CacheSettings(
                enabled,
                redisUrl,
                maxBytes,
                maxEntries,
                redisTimeout,
                circuitOpenFor,
                syncInterval,
                s.duration("CACHE_WARM_INTERVAL", Duration.ofMinutes(10)),
                s.string("CACHE_KEY_PREFIX", "headroom:cache:"));
    }

    /** The canonical setting of each component that is validated beyond its type. */
    private static final Map<String, String> CANONICAL = Map.of(
            "redisUrl",
            "REDIS_URL",
            "redisTimeout",
            "REDIS_TIMEOUT",
            "circuitOpenFor",
            "REDIS_CIRCUIT_OPEN_FOR",
            "syncInterval",
            "CACHE_SYNC_INTERVAL");

    private static void validate(
            UnaryOperator<String> key,
            Optional<String> redisUrl,
            Duration redisTimeout,
            Duration circuitOpenFor,
            Duration syncInterval) {
        redisUrl.ifPresent(url -> {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new ConfigException(key.apply("redisUrl") + "='" + url
                        + "' is not valid: expected redis://host:port or rediss://host:port");
            }
        });
        requireBetween(key.apply("redisTimeout"), redisTimeout, Duration.ofMillis(10), Duration.ofSeconds(10));
        requireBetween(key.apply("circuitOpenFor"), circuitOpenFor, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireBetween(key.apply("syncInterval"), syncInterval, Duration.ofMillis(50), Duration.ofMinutes(1));
    }

    /**
     * Builds the in-process cache these settings describe over a shared level ({@link SharedStore#none()}
     * for none); {@code io.headroom.toolkit.cache.redis.RedisCache#open} builds one over Redis.
     */
    public TwoLevelCache open(SharedStore shared) {
        return TwoLevelCache.builder()
                .maxBytes(maxBytes)
                .maxEntries(maxEntries)
                .syncInterval(syncInterval)
                .shared(shared)
                .build();
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(name + "=" + value + " is not valid: expected between " + min + " and " + max);
        }
    }
}
