package io.headroom.toolkit.resilience;

import io.headroom.toolkit.db.RetryAfterHint;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Work that needs the database was turned away: the adaptive limit was reached and the wait queue was
 * full, or its deadline passed. A transient connection failure (a 503 with {@code Retry-After}; a cached
 * response's stale copy where there is one), but not the database's fault: it never counts against the
 * database's circuit breaker, which it meets before it.
 */
public final class OverloadedException extends SQLTransientConnectionException implements RetryAfterHint {
    private final transient Duration retryAfter;

    public OverloadedException(String what, Duration retryAfter) {
        super(what + " is at its concurrency limit and its wait queue is full or timed out: retry shortly", "08004");
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
