package io.headroom.toolkit.cache;

import io.headroom.toolkit.config.ComponentCheck;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The cache's configuration, read from flat settings ({@link #from}) or built in code ({@link #builder}),
 * and validated on construction.
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
        ComponentCheck.present("redisUrl", redisUrl);
        ComponentCheck.between("maxBytes", maxBytes, 1024 * 1024, 64L * 1024 * 1024 * 1024);
        ComponentCheck.between("maxEntries", maxEntries, 1, 100_000_000);
        ComponentCheck.present("redisTimeout", redisTimeout);
        ComponentCheck.present("circuitOpenFor", circuitOpenFor);
        ComponentCheck.present("syncInterval", syncInterval);
        validate(name -> name, redisUrl, redisTimeout, circuitOpenFor, syncInterval);
        ComponentCheck.notNegative("warmInterval", warmInterval);
        ComponentCheck.present("keyPrefix", keyPrefix);
    }

    /** Defaults for everything (in-process only, enabled). */
    public static CacheSettings defaults() {
        return from(new Settings(Map.of()));
    }

    /** A builder starting from {@link #defaults()}: {@code CacheSettings.builder().redisUrl("redis://cache:6379").build()}. */
    public static Builder builder() {
        return new Builder(defaults());
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

    /** Sets components one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private boolean enabled;
        private Optional<String> redisUrl;
        private long maxBytes;
        private long maxEntries;
        private Duration redisTimeout;
        private Duration circuitOpenFor;
        private Duration syncInterval;
        private Duration warmInterval;
        private String keyPrefix;

        private Builder(CacheSettings start) {
            enabled = start.enabled;
            redisUrl = start.redisUrl;
            maxBytes = start.maxBytes;
            maxEntries = start.maxEntries;
            redisTimeout = start.redisTimeout;
            circuitOpenFor = start.circuitOpenFor;
            syncInterval = start.syncInterval;
            warmInterval = start.warmInterval;
            keyPrefix = start.keyPrefix;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The shared level; without one (the default) the cache is in-process only. */
        public Builder redisUrl(String redisUrl) {
            this.redisUrl = Optional.of(ComponentCheck.present("redisUrl", redisUrl));
            return this;
        }

        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        public Builder redisTimeout(Duration redisTimeout) {
            this.redisTimeout = redisTimeout;
            return this;
        }

        public Builder circuitOpenFor(Duration circuitOpenFor) {
            this.circuitOpenFor = circuitOpenFor;
            return this;
        }

        public Builder syncInterval(Duration syncInterval) {
            this.syncInterval = syncInterval;
            return this;
        }

        public Builder warmInterval(Duration warmInterval) {
            this.warmInterval = warmInterval;
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        public CacheSettings build() {
            return new CacheSettings(
                    enabled,
                    redisUrl,
                    maxBytes,
                    maxEntries,
                    redisTimeout,
                    circuitOpenFor,
                    syncInterval,
                    warmInterval,
                    keyPrefix);
        }
    }
}
