package io.headroom.toolkit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Brute-force protection for secrets typed or guessed (a login, an admin token): after {@code freeAttempts}
 * failures in a row, per account and per client IP separately, each further attempt must wait
 * {@code base} doubled per extra failure, at most {@code max}. A success clears the account's and the IP's
 * count. Per IP stops one client trying many accounts; per account stops many clients (a botnet) trying one.
 * In-process: an attacker spread over N instances gets N times the attempts, still exponentially slowed.
 */
public final class BruteForceGuard {
    private record Failures(int count, long lockedUntilNanos) {}

    private final int freeAttempts;
    private final Duration base;
    private final Duration max;
    private final Cache<String, Failures> failures;

    public BruteForceGuard(int freeAttempts, Duration base, Duration max) {
        this.freeAttempts = freeAttempts;
        this.base = base;
        this.max = max;
        // A record untouched for a day is forgotten (the map stays bounded under a spray of IPs).
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofDays(1))
                .build();
    }

    /** How long this attempt must still wait; empty when it may proceed. */
    public Optional<Duration> blocked(String account, String ip) {
        long now = System.nanoTime();
        long until = Math.max(lockedUntil("account:" + account), lockedUntil("ip:" + ip));
        return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    /** Records a failed attempt; returns how long the next one must wait (zero within the free attempts). */
    public Duration failed(String account, String ip) {
        Duration a = fail("account:" + account);
        Duration b = fail("ip:" + ip);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void succeeded(String account, String ip) {
        failures.invalidate("account:" + account);
        failures.invalidate("ip:" + ip);
    }

    private long lockedUntil(String key) {
        Failures f = failures.getIfPresent(key);
        return f == null ? 0 : f.lockedUntilNanos();
    }

    private Duration fail(String key) {
        Failures f = failures.asMap().compute(key, (k, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            Duration wait = waitAfter(count);
            return new Failures(count, wait.isZero() ? 0 : System.nanoTime() + wait.toNanos());
        });
        return waitAfter(f.count());
    }

    Duration waitAfter(int failuresInARow) {
        int over = failuresInARow - freeAttempts;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration wait = base.multipliedBy(1L << Math.min(over - 1, 30));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
