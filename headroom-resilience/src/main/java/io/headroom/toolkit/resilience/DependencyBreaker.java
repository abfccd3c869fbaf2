package io.headroom.toolkit.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Resilience4j circuit breaker around one dependency, with what a caller needs beyond it: whether a
 * call may go through now, and when a refused caller should come back ({@link #retryAfter()}, the rest of
 * the open period). Only failures {@code isOutage} accepts count (a lost connection, not a bad query).
 */
public final class DependencyBreaker {
    private final String dependency;
    private final CircuitBreaker breaker;
    private final Duration openFor;
    private volatile long openedAtNanos;

    public DependencyBreaker(String dependency, BreakerSettings settings, Predicate<Throwable> isOutage) {
        this.dependency = dependency;
        this.openFor = settings.openFor();
        this.breaker = CircuitBreaker.of(
                dependency,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRatePercent())
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.window())
                        .minimumNumberOfCalls(Math.min(settings.window(), 5))
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(settings.probes())
                        // Open -> half-open on the next call after the wait: no timer thread per breaker.
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .recordException(isOutage)
                        .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAtNanos = System.nanoTime();
            }
        });
    }

    public String dependency() {
        return dependency;
    }

    /** {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} (and Resilience4j's other states). */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** The breaker itself, for metrics binders and tests. */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * Takes a permission for one call, or throws {@link BreakerOpenException} at once. Every permission
     * taken must end in {@link #succeeded} or {@link #failed}, or half-open would wait for it forever.
     */
    public long acquire() throws BreakerOpenException {
        if (!breaker.tryAcquirePermission()) {
            throw new BreakerOpenException(dependency, retryAfter());
        }
        return System.nanoTime();
    }

    public void succeeded(long startNanos) {
        breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public void failed(long startNanos, Throwable failure) {
        breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, failure);
    }

    /** What is left of the open period (at least a second): when a refused caller may try again. */
    public Duration retryAfter() {
        long left = openFor.toNanos() - (System.nanoTime() - openedAtNanos);
        return Duration.ofNanos(Math.max(left, 1_000_000_000L));
    }
}
