package io.headroom.toolkit.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis buckets with a way down (RATE-4): when Redis fails (or cannot be reached at start), takes go to
 * buckets in this process holding the limit divided by the number of instances, so the fleet as a whole
 * stays near the configured rate; never to "no limit". A circuit breaker keeps a dead Redis from costing
 * every request a failed round trip; it lets a trial through every {@code retryEvery}, and the Redis
 * buckets take over again when it answers (their state in Redis is what it was, or full when it expired).
 */
public final class FallbackBucketStore implements BucketStore {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackBucketStore.class);

    private final Supplier<BucketStore> connect;
    private final LocalBucketStore local;
    private final int instances;
    private final CircuitBreaker breaker;
    private volatile BucketStore redis;

    /**
     * @param connect opens the Redis store (may throw when Redis is down; retried when the breaker allows)
     * @param instances how many instances share the limits: the fallback's share is limit / instances
     */
    public FallbackBucketStore(
            Supplier<BucketStore> connect, LocalBucketStore local, int instances, Duration retryEvery) {
        this.connect = connect;
        this.local = local;
        this.instances = instances;
        this.breaker = CircuitBreaker.of(
                "rate-limit-redis",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(5)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(retryEvery)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        breaker.getEventPublisher()
                .onStateTransition(e -> LOG.warn(
                        "Rate limits: Redis circuit {}; buckets are {}",
                        e.getStateTransition(),
                        e.getStateTransition().getToState() == CircuitBreaker.State.CLOSED
                                ? "shared again"
                                : "per instance (limit / " + instances + ")"));
        try {
            this.redis = connect.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Rate limits: Redis unreachable at start ({}); buckets are per instance (limit / {}) until it answers",
                    e.getMessage(),
                    instances);
            breaker.transitionToOpenState();
        }
    }

    @Override
    public Probe take(String key, RateLimit limit) {
        if (breaker.tryAcquirePermission()) {
            long start = System.nanoTime();
            try {
                BucketStore store = redis;
                if (store == null) {
                    store = redis = connect.get();
                }
                Probe probe = store.take(key, limit);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return probe;
            } catch (RuntimeException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            }
        }
        return local.take(key, limit.dividedAmong(instances));
    }

    /** {@code redis}, or {@code local-fallback} while Redis is out. */
    @Override
    public String describe() {
        return breaker.getState() == CircuitBreaker.State.CLOSED && redis != null ? "redis" : "local-fallback";
    }

    @Override
    public void close() {
        BucketStore store = redis;
        if (store != null) {
            store.close();
        }
    }
}
