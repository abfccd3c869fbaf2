package io.headroom.toolkit.monitor;

import io.headroom.toolkit.alert.AlertEngine;
import io.headroom.toolkit.alert.AlertHistory;
import io.headroom.toolkit.alert.AlertInputs;
import io.headroom.toolkit.alert.AlertNotifier;
import io.headroom.toolkit.alert.AlertSettings;
import io.headroom.toolkit.alert.WebhookNotifier;
import io.headroom.toolkit.db.MonitoredDataSource;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.db.QueryMonitor;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring entry point: builds the request, query, pool and resource monitors, the alert
 * engine and the Prometheus registry from one {@link MonitoringSettings}, and runs their
 * periodic work on one daemon thread (window roll-over every {@value #INTERVAL_SECONDS} s, a
 * resource sample and an alert evaluation every sample interval, the query summary log).
 *
 * <p>Wiring order for a HikariCP pool: {@code pool().attachTo(hikariConfig)} before the pool is
 * built, then {@code monitoredDataSource(pool)} is the data source the application uses, and
 * {@code watchDatabase(pool)} enables the PostgreSQL health section.
 */
public final class Monitoring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    static final int INTERVALS_PER_MINUTE = 6;
    static final int INTERVAL_SECONDS = 60 / INTERVALS_PER_MINUTE;
    public static final int RECENT_REQUESTS = 1000;

    private final MonitoringSettings settings;
    private final long startedAtMillis = System.currentTimeMillis();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final RequestMonitor requests;
    private final QueryMonitor queries;
    private final PoolMonitor pool;
    private final ResourceSampler resources;
    private final AlertEngine alerts;
    private final WebhookNotifier webhooks;
    private final ScheduledExecutorService scheduler;
    private final AllocationSampler allocations; // null when off or JFR is unavailable
    private volatile DatabaseHealth database;
    private volatile Supplier<Map<String, Object>> cacheStats = Map::of;

    private Monitoring(MonitoringSettings settings, Path diskPath) {
        this.settings = settings;
        this.requests = new RequestMonitor(settings.slowRequest(), RECENT_REQUESTS, INTERVALS_PER_MINUTE);
        this.queries = new QueryMonitor(settings.slowQueryWarning(), settings.slowQueryError(), INTERVALS_PER_MINUTE, registry);
        this.pool = new PoolMonitor(registry);
        this.resources = new ResourceSampler(settings.resourceHistorySamples(), diskPath);
        AlertSettings a = settings.alerts();
        this.webhooks = a.webhooks().isEmpty() ? null
                : new WebhookNotifier(a.webhooks(), a.webhookTimeout(), a.webhookAttempts(), a.webhookBackoff(), a.webhookDedup());
        this.alerts = new AlertEngine(a.rules(), new AlertHistory(a.retention()),
                webhooks == null ? AlertNotifier.NONE : webhooks, System::currentTimeMillis);
        registry.getPrometheusRegistry().register(new RequestMetricsCollector(requests));
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // Only with request monitoring on: the estimate serves the slow-request log, which the filter feeds.
        this.allocations = settings.enabled() && settings.allocationSampling()
                ? AllocationSampler.startOrNull(settings.allocationSampleRate()) : null;
        requests.estimateAllocationsWith(allocations);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("headroom-monitoring").unstarted(r));
    }

    /** Builds the monitors and starts their periodic work. */
    public static Monitoring start(MonitoringSettings settings, Path diskPath) {
        Monitoring m = new Monitoring(settings, diskPath);
        m.resources.sample();
        m.every(Duration.ofSeconds(INTERVAL_SECONDS), m::roll);
        m.every(settings.resourceSampleInterval(), m::sampleAndEvaluate);
        if (!settings.querySummaryInterval().isZero()) {
            m.every(settings.querySummaryInterval(), m.queries::logSummary);
        }
        return m;
    }

    private void every(Duration period, Runnable task) {
        scheduler.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Monitoring task failed; it will run again at its next period", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the current window interval of every recorder. */
    public void roll() {
        requests.roll();
        queries.roll();
    }

    /** Takes a resource sample and evaluates the alert rules against it. */
    public void sampleAndEvaluate() {
        resources.sample();
        evaluateAlerts();
    }

    public void evaluateAlerts() {
        alerts.evaluate(alertInputs());
    }

    AlertInputs alertInputs() {
        ResourceSample latest = resources.latest();
        List<Long> heapAfterGc = new ArrayList<>();
        resources.history().forEach(s -> heapAfterGc.add(s.heapAfterGcBytes()));
        double poolUtilisation = pool.snapshot().map(PoolMonitor.PoolSnapshot::utilisation).orElse(-1.0);
        return new AlertInputs(latest.processCpu(), latest.heapUsedRatio(), latest.diskUsedRatio(), poolUtilisation,
                requests.routes(), heapAfterGc);
    }

    /** The data source the application should use: every statement through it is timed. */
    public DataSource monitoredDataSource(DataSource target) {
        return new MonitoredDataSource(target, queries);
    }

    /** Enables the database-health section (PostgreSQL statistics views). */
    public void watchDatabase(DataSource dataSource) {
        this.database = new DatabaseHealth(dataSource);
    }

    /** The cache section of the stats document (the cache layer registers its figures here). */
    public void reportCache(Supplier<Map<String, Object>> cacheStats) {
        this.cacheStats = cacheStats;
    }

    public PerformanceStats stats(int recentRequests, int resourceHistory) {
        List<ResourceSample> history = resources.history();
        List<ResourceSample> tail = history.subList(Math.max(0, history.size() - resourceHistory), history.size());
        DatabaseHealth db = database;
        return new PerformanceStats(System.currentTimeMillis(), (System.currentTimeMillis() - startedAtMillis) / 1000,
                new PerformanceStats.Requests(requests.totalRequests(), settings.slowRequest().toMillis(),
                        requests.routes(), requests.recentRequests(recentRequests), requests.slowRequests()),
                queries.snapshot(10),
                pool.snapshot().orElse(null),
                cacheStats.get(),
                new PerformanceStats.Resources(settings.resourceSampleInterval().toSeconds(), resources.latest(), tail),
                db == null ? null : db.read(),
                new PerformanceStats.Alerts(alerts.active(), alerts.history().stream().limit(50).toList(),
                        webhooks == null ? null : webhooks.stats()));
    }

    public RequestMonitor requests() {
        return requests;
    }

    public QueryMonitor queries() {
        return queries;
    }

    public PoolMonitor pool() {
        return pool;
    }

    public ResourceSampler resources() {
        return resources;
    }

    public AlertEngine alerts() {
        return alerts;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The JFR allocation sampler, if running (see {@link AllocationSampler}). */
    public Optional<AllocationSampler> allocationSampler() {
        return Optional.ofNullable(allocations);
    }

    public MonitoringSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (allocations != null) {
            allocations.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        resources.close();
        gcMetrics.close();
        registry.close();
    }
}
