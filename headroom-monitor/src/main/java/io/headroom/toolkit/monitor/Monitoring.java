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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring entry point: builds the request, query, pool and resource monitors, the alert
 * engine from one {@link MonitoringSettings}, and runs their
 * periodic work on one daemon thread (window roll-over every {@value #INTERVAL_SECONDS} s, a
 * resource sample and an alert evaluation every sample interval, the query summary log).
 *
 * <p>Wiring order for a HikariCP pool: {@code pool().attachTo(hikariConfig)} before the pool is
 * built, then {@code monitoredDataSource(pool)} is the data source the application uses, and
 * {@code watchDatabase(pool)} enables the PostgreSQL health section.
 *
 * <p>Meters go to the host's Micrometer registry when it gives one ({@link Builder#registry}); the
 * JVM and process binders are then the host's business (binding them twice would count GC pauses
 * twice). Without one, a Prometheus registry is created, owned and closed here, with those binders.
 * The request series of {@code /metrics} ({@link RequestMetricsCollector}) need a Prometheus
 * registry: the given one, or one inside a given composite.
 */
public final class Monitoring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    static final int INTERVALS_PER_MINUTE = 6;
    static final int INTERVAL_SECONDS = 60 / INTERVALS_PER_MINUTE;
    public static final int RECENT_REQUESTS = 1000;

    private final MonitoringSettings settings;
    private final long startedAtMillis = System.currentTimeMillis();
    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus; // null when the host's registry has no Prometheus part
    private final boolean ownsRegistry;
    private final JvmGcMetrics gcMetrics; // null when the host owns the registry
    private final RequestMonitor requests;
    private final QueryMonitor queries;
    private final PoolMonitor pool;
    private final ResourceSampler resources;
    private final AlertEngine alerts;
    private final WebhookNotifier webhooks;
    private final ScheduledExecutorService scheduler;
    private final AllocationSampler allocations; // null when off or JFR is unavailable
    private volatile DatabaseHealth database;
    private volatile StatsSection cacheStats = Map::of;
    private volatile StatsSection replicaStats = () -> null;

    private Monitoring(MonitoringSettings settings, Path diskPath, MeterRegistry hostRegistry) {
        this.settings = settings;
        this.ownsRegistry = hostRegistry == null;
        this.registry = ownsRegistry ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : hostRegistry;
        this.prometheus = prometheusIn(registry).orElse(null);
        this.requests = new RequestMonitor(settings.slowRequest(), RECENT_REQUESTS, INTERVALS_PER_MINUTE);
        this.queries = new QueryMonitor(
                settings.slowQueryWarning(), settings.slowQueryError(), INTERVALS_PER_MINUTE, registry);
        this.pool = new PoolMonitor(registry);
        this.resources = new ResourceSampler(settings.resourceHistorySamples(), diskPath);
        AlertSettings a = settings.alerts();
        this.webhooks = a.webhooks().isEmpty()
                ? null
                : new WebhookNotifier(
                        a.webhooks(), a.webhookTimeout(), a.webhookAttempts(), a.webhookBackoff(), a.webhookDedup());
        this.alerts = new AlertEngine(
                a.rules(),
                new AlertHistory(a.retention()),
                webhooks == null ? AlertNotifier.NONE : webhooks,
                System::currentTimeMillis);
        if (prometheus != null) {
            prometheus.getPrometheusRegistry().register(new RequestMetricsCollector(requests));
        }
        if (ownsRegistry) {
            this.gcMetrics = new JvmGcMetrics();
            new JvmMemoryMetrics().bindTo(registry);
            gcMetrics.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
        } else {
            this.gcMetrics = null;
        }
        // Only with request monitoring on: the estimate serves the slow-request log, which the filter feeds.
        this.allocations = settings.enabled() && settings.allocationSampling()
                ? AllocationSampler.startOrNull(settings.allocationSampleRate())
                : null;
        requests.estimateAllocationsWith(allocations);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("headroom-monitoring").unstarted(r));
    }

    /** Builds the monitors on a registry of their own and starts their periodic work. */
    public static Monitoring start(MonitoringSettings settings, Path diskPath) {
        return builder().settings(settings).diskPath(diskPath).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ways in: settings (defaults otherwise), the disk to watch, the host's registry. */
    public static final class Builder {
        private MonitoringSettings settings = MonitoringSettings.defaults();
        private Path diskPath = Path.of(".");
        private MeterRegistry registry;

        private Builder() {}

        public Builder settings(MonitoringSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The file system whose usage the resource sampler reports (and the disk alert watches). */
        public Builder diskPath(Path diskPath) {
            this.diskPath = Objects.requireNonNull(diskPath, "diskPath");
            return this;
        }

        /** The host's registry; without one a Prometheus registry is created (and closed with monitoring). */
        public Builder registry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Monitoring start() {
            return Monitoring.start(new Monitoring(settings, diskPath, registry));
        }
    }

    private static Monitoring start(Monitoring m) {
        MonitoringSettings settings = m.settings;
        m.resources.sample();
        m.every(Duration.ofSeconds(INTERVAL_SECONDS), m::roll);
        m.every(settings.resourceSampleInterval(), m::sampleAndEvaluate);
        if (!settings.querySummaryInterval().isZero()) {
            m.every(settings.querySummaryInterval(), m.queries::logSummary);
        }
        return m;
    }

    private void every(Duration period, Runnable task) {
        scheduler.scheduleAtFixedRate(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.error("Monitoring task failed; it will run again at its next period", e);
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
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
        double poolUtilisation =
                pool.snapshot().map(PoolMonitor.PoolSnapshot::utilisation).orElse(-1.0);
        return new AlertInputs(
                latest.processCpu(),
                latest.heapUsedRatio(),
                latest.diskUsedRatio(),
                poolUtilisation,
                requests.routes(),
                heapAfterGc);
    }

    /** The data source the application should use: every statement through it is timed. */
    public DataSource monitoredDataSource(DataSource target) {
        return new MonitoredDataSource(target, queries);
    }

    /** Enables the database-health section (PostgreSQL statistics views). */
    public void watchDatabase(DataSource dataSource) {
        this.database = new DatabaseHealth(dataSource);
    }

    /** The cache section of the stats document: the cache layer reports its figures here ({@code cache::stats}). */
    public void reportCache(StatsSection cacheStats) {
        this.cacheStats = Objects.requireNonNull(cacheStats, "cacheStats");
    }

    /** The replica section of the stats document, for a service that splits reads to a replica (null: none). */
    public void reportReplica(StatsSection replicaStats) {
        this.replicaStats = Objects.requireNonNull(replicaStats, "replicaStats");
    }

    public PerformanceStats stats(int recentRequests, int resourceHistory) {
        return stats(recentRequests, resourceHistory, true);
    }

    /** {@code withDatabase} false: no database-health section (it takes a pooled connection). */
    public PerformanceStats stats(int recentRequests, int resourceHistory, boolean withDatabase) {
        List<ResourceSample> history = resources.history();
        List<ResourceSample> tail = history.subList(Math.max(0, history.size() - resourceHistory), history.size());
        DatabaseHealth db = database;
        return new PerformanceStats(
                System.currentTimeMillis(),
                (System.currentTimeMillis() - startedAtMillis) / 1000,
                new PerformanceStats.Requests(
                        requests.totalRequests(),
                        settings.slowRequest().toMillis(),
                        requests.routes(),
                        requests.recentRequests(recentRequests),
                        requests.slowRequests()),
                queries.snapshot(10),
                pool.snapshot().orElse(null),
                cacheStats.snapshot(),
                new PerformanceStats.Resources(settings.resourceSampleInterval().toSeconds(), resources.latest(), tail),
                db == null || !withDatabase ? null : db.read(),
                new PerformanceStats.Alerts(
                        alerts.active(),
                        alerts.history().stream().limit(50).toList(),
                        webhooks == null ? null : webhooks.stats()),
                replicaStats.snapshot());
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

    /** Where the monitors' meters go: the host's registry, or the one created here. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus registry {@code /metrics} scrapes: the created one, or the host's if it is (or holds) one. */
    public Optional<PrometheusMeterRegistry> prometheus() {
        return Optional.ofNullable(prometheus);
    }

    /** The registry itself if it is a Prometheus one, else the first Prometheus member of a composite. */
    public static Optional<PrometheusMeterRegistry> prometheusIn(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return Optional.of(p);
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry member : composite.getRegistries()) {
                Optional<PrometheusMeterRegistry> p = prometheusIn(member);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
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
        if (ownsRegistry) {
            gcMetrics.close();
            registry.close();
        }
    }
}
