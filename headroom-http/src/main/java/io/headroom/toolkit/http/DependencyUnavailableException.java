package io.headroom.toolkit.http;

import io.headroom.toolkit.db.RetryAfterHint;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request could not be served because a dependency other than the database (an object store, a remote
 * service) is unreachable or its circuit breaker is open. The client may retry: it is a 503 with
 * {@code Retry-After}, never a 500. An {@link IOException}, so it passes through the I/O paths that reach
 * such a dependency without being wrapped.
 */
public final class DependencyUnavailableException extends IOException implements RetryAfterHint {
    private final String dependency;
    private final transient Duration retryAfter;

    /**
     * @param dependency what is unavailable, as a sentence starts ("The object store")
     * @param retryAfter when a retry may succeed (the rest of a breaker's open period, or a second)
     */
    public DependencyUnavailableException(String dependency, String detail, Duration retryAfter, Throwable cause) {
        super(dependency + " is unavailable: " + detail, cause);
        this.dependency = dependency;
        this.retryAfter = retryAfter;
    }

    public String dependency() {
        return dependency;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The first such failure in {@code failure}'s cause chain (wrapped by a cache loader or a stream). */
    public static Optional<DependencyUnavailableException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyUnavailableException unavailable) {
                return Optional.of(unavailable);
            }
        }
        return Optional.empty();
    }
}
