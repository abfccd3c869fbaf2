package io.headroom.toolkit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.headroom.toolkit.metrics.LatencySummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * HikariCP pool figures (MON-5): active, idle, waiting threads, total, utilisation, connection
 * acquire time percentiles and timeouts. Hikari reports acquisitions and timeouts through its
 * {@link MetricsTrackerFactory} hook, so {@link #attachTo} must run on the configuration before
 * the pool is built; gauges read Hikari's own {@link PoolStats}.
 */
public final class PoolMonitor implements MetricsTrackerFactory {
    private static final long MAX_MICROS = 600_000_000L;

    private final MeterRegistry registry;
    private final Recorder acquireMicros = new Recorder(1, MAX_MICROS, 2);
    private final Histogram acquireSinceStart = new Histogram(1, MAX_MICROS, 2);
    private Histogram recycled;
    private final LongAdder timeouts = new LongAdder();
    private volatile PoolStats stats;
    private volatile String poolName = "";

    public PoolMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Installs this monitor as the pool's metrics tracker; call before {@code new HikariDataSource(config)}. */
    public void attachTo(HikariConfig config) {
        config.setMetricsTrackerFactory(this);
    }

    @Override
    public IMetricsTracker create(String name, PoolStats poolStats) {
        this.poolName = name;
        this.stats = poolStats;
        Timer acquire = Timer.builder("db.pool.acquire")
                .tag("pool", name)
                .description("Time to acquire a connection")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("db.pool.active", poolStats, PoolStats::getActiveConnections)
                .tag("pool", name)
                .description("HikariCP pool: active")
                .register(registry);
        Gauge.builder("db.pool.idle", poolStats, PoolStats::getIdleConnections)
                .tag("pool", name)
                .description("HikariCP pool: idle")
                .register(registry);
        Gauge.builder("db.pool.pending", poolStats, PoolStats::getPendingThreads)
                .tag("pool", name)
                .description("HikariCP pool: pending")
                .register(registry);
        Gauge.builder("db.pool.total", poolStats, PoolStats::getTotalConnections)
                .tag("pool", name)
                .description("HikariCP pool: total")
                .register(registry);
        Gauge.builder("db.pool.max", poolStats, PoolStats::getMaxConnections)
                .tag("pool", name)
                .description("HikariCP pool: max")
                .register(registry);
        FunctionCounter.builder("db.pool.timeouts", timeouts, LongAdder::sum)
                .tag("pool", name)
                .description("Connection acquisitions that timed out")
                .register(registry);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquireMicros.recordValue(Math.max(1, Math.min(nanos / 1000, MAX_MICROS)));
                acquire.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.increment();
            }
        };
    }

    /** Empty when no pool has been attached (yet). */
    public Optional<PoolSnapshot> snapshot() {
        PoolStats s = stats;
        if (s == null) {
            return Optional.empty();
        }
        LatencySummary acquire;
        synchronized (this) {
            recycled = acquireMicros.getIntervalHistogram(recycled);
            acquireSinceStart.add(recycled);
            acquire = LatencySummary.ofMicros(acquireSinceStart);
        }
        int max = s.getMaxConnections();
        int active = s.getActiveConnections();
        return Optional.of(new PoolSnapshot(
                poolName,
                active,
                s.getIdleConnections(),
                s.getPendingThreads(),
                s.getTotalConnections(),
                max,
                max == 0 ? 0 : (double) active / max,
                timeouts.sum(),
                acquire));
    }

    /** Pool figures; {@code utilisation} is active / maximum pool size (0..1). */
    public record PoolSnapshot(
            String pool,
            int active,
            int idle,
            int waiting,
            int total,
            int max,
            double utilisation,
            long timeouts,
            LatencySummary acquire) {}
}
