package io.headroom.toolkit.ratelimit;

import java.time.Duration;

/**
 * Slow-down mode (RATE-3): once a client has used {@code thresholdPercent} of a quota, its requests are
 * still served but each is first held for one refill interval of that quota (period / requests), at most
 * {@code maxDelay}: a client that keeps going is paced to the refill rate before it meets a 429.
 */
public record SlowDown(int thresholdPercent, Duration maxDelay) {
    public SlowDown {
        if (thresholdPercent < 1 || thresholdPercent > 100 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("Slow-down threshold is 1 to 100 %, its delay not negative");
        }
    }

    /** Never delays: 100 % is the refusal itself. */
    public static SlowDown off() {
        return new SlowDown(100, Duration.ZERO);
    }

    Duration delayFor(RateLimit limit, long remaining) {
        long used = limit.requests() - remaining;
        if (maxDelay.isZero() || used * 100 < (long) thresholdPercent * limit.requests()) {
            return Duration.ZERO;
        }
        Duration interval = limit.period().dividedBy(limit.requests());
        return interval.compareTo(maxDelay) < 0 ? interval : maxDelay;
    }
}
