package io.headroom.toolkit.db;

import java.time.Duration;

/**
 * Implemented by a failure that knows when a retry may succeed (a circuit breaker that is open says how
 * long it stays open): the 503 it becomes carries that as {@code Retry-After} instead of the default.
 */
public interface RetryAfterHint {
    Duration retryAfter();
}
