package io.headroom.toolkit.resilience;

import com.netflix.concurrency.limits.Limiter;
import java.time.Duration;

/**
 * One request's place under its route class's {@link ConcurrencyLimit}, bound to the request's thread from
 * {@link ConcurrencyLimits#enter} to {@link #close}. The permit is claimed at most once: on arrival for a
 * class whose every request costs, or at the request's first database connection ({@link #claimCurrent},
 * called by {@link AdmittedDataSource}) for a class whose requests are often answered from the response
 * cache: a cache hit then never takes a permit, never waits and is never shed. Held until the request ends,
 * so the latency the limit learns from is the request's own.
 */
public final class RequestAdmission implements AutoCloseable {
    private static final ThreadLocal<RequestAdmission> CURRENT = new ThreadLocal<>();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** A class without a limit: nothing bound, nothing to claim. */
    static final RequestAdmission UNLIMITED = new RequestAdmission(null, null);
    /** Refused on arrival: answer 503 with {@code Retry-After}. */
    static final RequestAdmission REFUSED = new RequestAdmission(null, null);

    private final ConcurrencyLimit limit;
    private final RequestAdmission outer;
    private Limiter.Listener permit;
    private boolean failed;

    private RequestAdmission(ConcurrencyLimit limit, RequestAdmission outer) {
        this.limit = limit;
        this.outer = outer;
    }

    static RequestAdmission bind(ConcurrencyLimit limit) {
        RequestAdmission admission = new RequestAdmission(limit, CURRENT.get());
        CURRENT.set(admission);
        return admission;
    }

    /**
     * The current request's permit, claimed now unless it was already: a no-op on a thread with no request
     * bound (a background job) or for a class without a limit.
     *
     * @throws OverloadedException refused: the class's limit is reached and its queue full or timed out
     */
    public static void claimCurrent() throws OverloadedException {
        RequestAdmission admission = CURRENT.get();
        if (admission != null && !admission.claim()) {
            throw new OverloadedException("The '" + admission.limit.name() + "' route class", RETRY_AFTER);
        }
    }

    /** Holds a permit (claimed now or before); false when refused. */
    boolean claim() {
        if (permit == null) {
            permit = limit.acquire().orElse(null);
        }
        return permit != null;
    }

    /** Refused on arrival. */
    public boolean refused() {
        return this == REFUSED;
    }

    /** The seconds a refused client should wait, for {@code Retry-After}. */
    public static long retryAfterSeconds() {
        return RETRY_AFTER.toSeconds();
    }

    /** The request failed: its latency says nothing about the work's (not learnt from). */
    public void failed() {
        failed = true;
    }

    /** Releases the permit, if one was claimed, and unbinds the request. */
    @Override
    public void close() {
        if (limit == null) {
            return;
        }
        if (permit != null) {
            if (failed) {
                permit.onIgnore();
            } else {
                permit.onSuccess();
            }
            permit = null;
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
