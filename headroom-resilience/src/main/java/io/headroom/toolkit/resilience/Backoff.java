package io.headroom.toolkit.resilience;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial}, then multiplied by {@code multiplier} after each failed attempt,
 * never above {@code max}. Deterministic on purpose: one instance waiting for its database has nobody
 * to de-synchronise from, and a predictable schedule is what its log lines promise.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max and multiplier >= 1: " + initial + ", "
                    + max + ", " + multiplier);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delayAfter(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
    }
}
