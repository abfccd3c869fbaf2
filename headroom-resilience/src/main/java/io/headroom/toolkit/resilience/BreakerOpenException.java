package io.headroom.toolkit.resilience;

import io.headroom.toolkit.db.RetryAfterHint;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * A connection refused at once because the database's circuit breaker is open. A transient connection
 * failure, so whatever maps database unavailability to a 503 maps this too, with {@link #retryAfter()}.
 */
public final class BreakerOpenException extends SQLTransientConnectionException implements RetryAfterHint {
    private final transient Duration retryAfter;

    public BreakerOpenException(String dependency, Duration retryAfter) {
        super(
                dependency + " is unavailable: its circuit breaker is open (retry in " + retryAfter.toSeconds() + " s)",
                "08001");
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
