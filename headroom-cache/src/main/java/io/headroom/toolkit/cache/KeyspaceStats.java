package io.headroom.toolkit.cache;

/**
 * The statistics of one keyspace (CACHE-7), a snapshot. {@code hits} counts both levels;
 * {@code l2Hits} the part served from Redis. {@code errors} are failed loads; Redis errors are
 * counted once for the whole cache in {@link CacheStats#redisErrors()}.
 */
public record KeyspaceStats(
        String keyspace,
        long ttlSeconds,
        long hits,
        long l2Hits,
        long misses,
        long loads,
        long loadTimeNanos,
        long evictions,
        long errors,
        long entries,
        long bytes) {

    /** Hits over lookups, 0 when nothing was looked up yet. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0.0 : (double) hits / lookups;
    }

    public double averageLoadMillis() {
        return loads == 0 ? 0.0 : loadTimeNanos / 1e6 / loads;
    }
}
