package io.headroom.toolkit.resilience;

import java.time.Duration;

/**
 * A circuit breaker's settings.
 *
 * @param failureRatePercent the share of failed calls, among the last {@code window} calls, that opens it
 * @param window how many recent calls the failure rate is computed over (and the minimum before it can open)
 * @param openFor how long it stays open before letting {@code probes} trial calls through (half-open)
 * @param probes trial calls in half-open; all must succeed to close it again
 */
public record BreakerSettings(int failureRatePercent, int window, Duration openFor, int probes) {
    public BreakerSettings {
        if (failureRatePercent < 1
                || failureRatePercent > 100
                || window < 1
                || probes < 1
                || openFor.isNegative()
                || openFor.isZero()) {
            throw new IllegalArgumentException("Breaker settings out of range: " + failureRatePercent + " %, window "
                    + window + ", open for " + openFor + ", probes " + probes);
        }
    }

    /** Half the last 10 calls failing opens it for 5 s; 2 trial calls. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(50, 10, Duration.ofSeconds(5), 2);
    }
}
