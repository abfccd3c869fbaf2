package io.headroom.toolkit.cache.redis;

/**
 * The two Lua scripts behind the shared level. Each runs atomically in Redis, which is what makes
 * the invalidation design sound:
 * <ul>
 *   <li>{@link #INVALIDATE} deletes the matching entries, increments the keyspace version and
 *       publishes the message in one step, so versions reach subscribers in increasing order and a
 *       receiver that sees a jump knows it missed messages;</li>
 *   <li>{@link #PUT} stores an entry only if the keyspace version is still the one the value was
 *       loaded under, so a slow load can never resurrect data invalidated while it ran.</li>
 * </ul>
 * Layout per keyspace {@code ks} under the prefix {@code p}: {@code p ks:k:<key>} the entry,
 * {@code p ks:v} the version, {@code p ks:i} the key index (a lexicographic sorted set: prefix
 * invalidation is a ZRANGEBYLEX, never KEYS), {@code p ks:e} the same keys scored by expiry (to trim
 * the index), {@code p ks:t:<tag>} the keys carrying a tag. The scripts touch keys they compute
 * themselves, which Redis allows on a standalone server or a single-shard deployment (not Cluster).
 */
final class RedisScripts {
    private RedisScripts() {}

    /** ARGV: prefix, keyspace, kind, argument, channel, origin, sentAtMillis. Returns the new version. */
    static final String INVALIDATE = """
            local p = ARGV[1] .. ARGV[2] .. ':'
            local kind, arg = ARGV[3], ARGV[4]
            local idx, exp = p .. 'i', p .. 'e'
            local function drop(key)
              redis.call('DEL', p .. 'k:' .. key)
              redis.call('ZREM', idx, key)
              redis.call('ZREM', exp, key)
            end
            if kind == 'key' then
              drop(arg)
            elseif kind == 'tag' then
              local t = p .. 't:' .. arg
              for _, key in ipairs(redis.call('SMEMBERS', t)) do drop(key) end
              redis.call('DEL', t)
            elseif kind == 'prefix' then
              for _, key in ipairs(redis.call('ZRANGEBYLEX', idx, '[' .. arg, '[' .. arg .. '\\255')) do drop(key) end
            elseif kind == 'all' then
              for _, key in ipairs(redis.call('ZRANGE', idx, 0, -1)) do redis.call('DEL', p .. 'k:' .. key) end
              redis.call('DEL', idx, exp)
            end
            local v = redis.call('INCR', p .. 'v')
            redis.call('PUBLISH', ARGV[5], ARGV[6] .. '\\t' .. ARGV[7] .. '\\t' .. v .. '\\t' .. kind .. '\\t' .. ARGV[2] .. '\\t' .. arg)
            return v
            """;

    /**
     * ARGV: prefix, keyspace, key, value, ttlMillis, nowMillis, loadedAtVersion, tags... Returns 1
     * when stored, 0 when the version moved on. Each put also trims up to 100 expired keys from the
     * index so it stays proportional to the live entries.
     */
    static final String PUT = """
            local p = ARGV[1] .. ARGV[2] .. ':'
            local current = tonumber(redis.call('GET', p .. 'v') or '0')
            if current ~= tonumber(ARGV[7]) then return 0 end
            local key, ttl, now = ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[6])
            redis.call('SET', p .. 'k:' .. key, ARGV[4], 'PX', ttl)
            redis.call('ZADD', p .. 'i', 0, key)
            redis.call('ZADD', p .. 'e', now + ttl, key)
            local expired = redis.call('ZRANGEBYSCORE', p .. 'e', '-inf', now, 'LIMIT', 0, 100)
            if #expired > 0 then
              redis.call('ZREM', p .. 'e', unpack(expired))
              redis.call('ZREM', p .. 'i', unpack(expired))
            end
            for i = 8, #ARGV do
              local t = p .. 't:' .. ARGV[i]
              redis.call('SADD', t, key)
              redis.call('PEXPIRE', t, ttl)
            end
            return 1
            """;
}
