package io.headroom.toolkit.ratelimit;

import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The rate-limit settings, one pattern for every class: {@code HEADROOM_RATE_LIMIT_<CLASS>=<requests>/<period>}
 * (RATE-1 defaults): {@code IP} every request of a client address (1000/15m), {@code USER} every request of
 * an authenticated user or key, else of the address (500/15m), {@code API} the API routes (60/1m),
 * {@code HEAVY} samples, downloads and refreshes (10/5m). Login and token checks are not rate limited
 * (RATE-2) but guarded against brute force ({@code HEADROOM_BRUTE_FORCE_*}).
 *
 * @param enabled HEADROOM_RATE_LIMITS: off turns every limit off (a benchmark's baseline)
 * @param redisUrl where the buckets are shared (REDIS_URL); empty: per instance
 * @param instances HEADROOM_RATE_LIMIT_INSTANCES: how many instances share the limits; with Redis down each
 *        instance enforces limit / instances
 */
public record RateLimitSettings(
        boolean enabled,
        RateLimit ip,
        RateLimit user,
        RateLimit api,
        RateLimit heavy,
        String trustedProxies,
        SlowDown slowDown,
        Optional<String> redisUrl,
        int instances,
        Duration redisTimeout,
        int bruteForceFreeAttempts,
        Duration bruteForceBase,
        Duration bruteForceMax) {

    public static RateLimitSettings from(Settings s) {
        return new RateLimitSettings(
                s.bool("HEADROOM_RATE_LIMITS", true),
                limit(s, "ip", "1000/15m"),
                limit(s, "user", "500/15m"),
                limit(s, "api", "60/1m"),
                limit(s, "heavy", "10/5m"),
                s.string("HEADROOM_TRUSTED_PROXIES", "", "none"),
                new SlowDown(
                        s.integer("HEADROOM_RATE_LIMIT_SLOW_DOWN_AT", 80, 1, 100),
                        s.duration("HEADROOM_RATE_LIMIT_MAX_DELAY", Duration.ofMillis(500))),
                s.optional("REDIS_URL"),
                s.integer("HEADROOM_RATE_LIMIT_INSTANCES", 1, 1, 1000),
                s.duration("REDIS_TIMEOUT", Duration.ofMillis(250)),
                s.integer("HEADROOM_BRUTE_FORCE_FREE_ATTEMPTS", 5, 1, 1000),
                s.duration("HEADROOM_BRUTE_FORCE_BASE_DELAY", Duration.ofSeconds(1)),
                s.duration("HEADROOM_BRUTE_FORCE_MAX_DELAY", Duration.ofMinutes(15)));
    }

    private static RateLimit limit(Settings s, String name, String defaultValue) {
        String variable = "HEADROOM_RATE_LIMIT_" + name.toUpperCase(Locale.ROOT);
        return RateLimit.parse(name, variable, s.string(variable, defaultValue));
    }

    /** The longest period of any limit: how long an idle local bucket is worth keeping. */
    public Duration longestPeriod() {
        Duration longest = ip.period();
        for (RateLimit l : new RateLimit[] {user, api, heavy}) {
            longest = l.period().compareTo(longest) > 0 ? l.period() : longest;
        }
        return longest;
    }

    /** The buckets these settings call for: Redis with a per-instance fallback, or per instance only. */
    public BucketStore openStore(String keyPrefix) {
        LocalBucketStore local = new LocalBucketStore(1_000_000, longestPeriod());
        if (redisUrl.isEmpty()) {
            return local;
        }
        return new FallbackBucketStore(
                () -> new RedisBucketStore(redisUrl.get(), redisTimeout, keyPrefix),
                local,
                instances,
                Duration.ofSeconds(5));
    }

    public BruteForceGuard bruteForceGuard() {
        return new BruteForceGuard(bruteForceFreeAttempts, bruteForceBase, bruteForceMax);
    }

    public ClientAddress clientAddress() {
        return ClientAddress.trusting(trustedProxies, "HEADROOM_TRUSTED_PROXIES");
    }
}
