package io.headroom.toolkit.cache;

import java.util.List;

/**
 * Everything the cache reports, for {@code /api/performance/stats} and {@code /metrics}.
 *
 * @param redis where the shared level stands (DISABLED without REDIS_URL)
 * @param invalidationsReceived messages applied from the channel (this instance's own included)
 * @param versionGaps times this instance found it had missed messages and dropped a keyspace
 * @param lastInvalidationDelayMillis sender-to-receiver delay of the last message from another instance, -1 if none
 */
public record CacheStats(
        List<KeyspaceStats> keyspaces,
        SharedStore.StoreState redis,
        long redisErrors,
        long invalidationsReceived,
        long versionGaps,
        long lastInvalidationDelayMillis,
        long maxBytes,
        long maxEntries) {}
