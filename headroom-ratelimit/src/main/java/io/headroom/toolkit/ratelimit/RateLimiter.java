package io.headroom.toolkit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rate limiter (RATE-1..4): takes a token from each bucket a request draws on (per client IP, per
 * user or key, per route class) and decides: allowed, allowed after a slow-down delay, or refused with
 * when to retry. Framework-neutral; the Helidon filter turns a decision into headers and a 429.
 *
 * <p>Buckets are drawn in order and a refusal stops the walk, so a request refused by its IP bucket does
 * not also spend its route-class token. A request refused by a later bucket has spent the earlier ones:
 * the accepted cost of taking each token atomically on its own rather than all in one transaction.
 */
public final class RateLimiter implements AutoCloseable {
    private final BucketStore store;
    private final SlowDown slowDown;

    public RateLimiter(BucketStore store, SlowDown slowDown) {
        this.store = store;
        this.slowDown = slowDown;
    }

    public Decision acquire(List<Quota> quotas) {
        if (quotas.isEmpty()) {
            throw new IllegalArgumentException("A request draws on at least one quota");
        }
        List<RateLimit> applied = new ArrayList<>(quotas.size());
        RateLimit tightest = null;
        long tightestRemaining = 0;
        double tightestShare = Double.MAX_VALUE;
        long resetNanos = 0;
        for (Quota quota : quotas) {
            applied.add(quota.limit());
            Probe probe = store.take(quota.key(), quota.limit());
            if (!probe.consumed()) {
                return new Decision(
                        false,
                        quota.limit(),
                        0,
                        Duration.ofNanos(probe.nanosToReset()),
                        Duration.ofNanos(probe.nanosToRefill()),
                        Duration.ZERO,
                        List.copyOf(applied));
            }
            double share = (double) probe.remaining() / quota.limit().requests();
            if (share < tightestShare) {
                tightest = quota.limit();
                tightestRemaining = probe.remaining();
                tightestShare = share;
                resetNanos = probe.nanosToReset();
            }
        }
        return new Decision(
                true,
                tightest,
                tightestRemaining,
                Duration.ofNanos(resetNanos),
                Duration.ZERO,
                slowDown.delayFor(tightest, tightestRemaining),
                List.copyOf(applied));
    }

    /** Where the buckets are now ({@code local}, {@code redis}, {@code local-fallback}). */
    public String store() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
