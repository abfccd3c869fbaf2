package io.headroom.toolkit.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes {@link TwoLevelCache#stats()} as Micrometer meters, tagged by keyspace:
 * {@code headroom.cache.hits|l2.hits|misses|loads|evictions|errors} (counters),
 * {@code headroom.cache.load.time} (counter, seconds), {@code headroom.cache.entries|bytes|hit.rate}
 * (gauges), and {@code headroom.cache.redis.up}. Binds every keyspace, those registered before
 * {@link #bindTo} and those registered after it, so a host binds once, whenever it likes.
 */
public final class CacheMeterBinder implements MeterBinder {
    private final TwoLevelCache cache;

    public CacheMeterBinder(TwoLevelCache cache) {
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        cache.forEachKeyspace(name -> bind(registry, name));
        Gauge.builder("headroom.cache.redis.up", cache, c -> c.stats().redis() == SharedStore.StoreState.UP ? 1 : 0)
                .register(registry);
    }

    /** Micrometer returns the meter already registered under the same id, so binding twice is harmless. */
    private void bind(MeterRegistry registry, String name) {
        counter(registry, "headroom.cache.hits", name, KeyspaceStats::hits);
        counter(registry, "headroom.cache.l2.hits", name, KeyspaceStats::l2Hits);
        counter(registry, "headroom.cache.misses", name, KeyspaceStats::misses);
        counter(registry, "headroom.cache.loads", name, KeyspaceStats::loads);
        counter(registry, "headroom.cache.evictions", name, KeyspaceStats::evictions);
        counter(registry, "headroom.cache.errors", name, KeyspaceStats::errors);
        FunctionCounter.builder("headroom.cache.load.time", cache, c -> stat(c, name, s -> s.loadTimeNanos() / 1e9))
                .baseUnit("seconds")
                .tag("keyspace", name)
                .register(registry);
        gauge(registry, "headroom.cache.entries", name, KeyspaceStats::entries);
        gauge(registry, "headroom.cache.bytes", name, KeyspaceStats::bytes);
        gauge(registry, "headroom.cache.hit.rate", name, KeyspaceStats::hitRate);
    }

    private void counter(MeterRegistry registry, String meter, String keyspace, ToDoubleFunction<KeyspaceStats> f) {
        FunctionCounter.builder(meter, cache, c -> stat(c, keyspace, f))
                .tag("keyspace", keyspace)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String meter, String keyspace, ToDoubleFunction<KeyspaceStats> f) {
        Gauge.builder(meter, cache, c -> stat(c, keyspace, f))
                .tag("keyspace", keyspace)
                .register(registry);
    }

    private static double stat(TwoLevelCache cache, String keyspace, ToDoubleFunction<KeyspaceStats> f) {
        return cache.keyspaceStats(keyspace).map(f::applyAsDouble).orElse(Double.NaN);
    }
}
