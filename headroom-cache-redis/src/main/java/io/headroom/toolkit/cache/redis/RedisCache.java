package io.headroom.toolkit.cache.redis;

import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cache.TwoLevelCache;

/** The two-level cache over Redis when the settings name a Redis URL, in-process only otherwise. */
public final class RedisCache {
    private RedisCache() {}

    /** Builds the cache the settings describe, connecting to Redis when {@code redisUrl} is set. */
    public static TwoLevelCache open(CacheSettings settings) {
        SharedStore shared = settings.redisUrl()
                .<SharedStore>map(url -> new RedisSharedStore(
                        url, settings.keyPrefix(), settings.redisTimeout(), settings.circuitOpenFor()))
                .orElseGet(SharedStore::none);
        return settings.open(shared);
    }
}
