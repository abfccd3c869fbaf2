package io.headroom.toolkit.resilience;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.Optional;

/**
 * One adaptive concurrency limit (Netflix concurrency-limits) behind a bounded wait queue with a deadline
 * ({@link DeadlineQueue}): {@link #acquire()} gives a permit at once, after a wait, or nothing (the queue is
 * full: at once; the deadline passed). The time a permit is held is the latency sample the limit learns from.
 */
public final class ConcurrencyLimit {
    private final String name;
    private final Limit limit;
    private final SimpleLimiter<Void> limiter;
    private final DeadlineQueue queue;

    public ConcurrencyLimit(String name, AdmissionSettings settings) {
        this.name = name;
        this.limit = settings.algorithm().create(settings.maxConcurrency());
        this.limiter = SimpleLimiter.newBuilder().limit(limit).named(name).build();
        this.queue = new DeadlineQueue(limiter, settings.queue(), settings.deadline());
    }

    /** A permit, or empty when refused (the caller answers 503); interrupted, refused too. */
    public Optional<Limiter.Listener> acquire() {
        try {
            return queue.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    /** The adaptive limit now. */
    public int currentLimit() {
        return limit.getLimit();
    }

    /** How many permits are held now. */
    public int inFlight() {
        return limiter.getInflight();
    }

    /** How many wait for a permit now. */
    public int waiting() {
        return queue.waiting();
    }
}
