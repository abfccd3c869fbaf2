package io.headroom.toolkit.spring;

import io.headroom.toolkit.alert.AlertEngine;
import io.headroom.toolkit.alert.AlertHistory;
import io.headroom.toolkit.alert.AlertInputs;
import io.headroom.toolkit.alert.AlertNotifier;
import io.headroom.toolkit.alert.AlertRule;
import io.headroom.toolkit.alert.AlertSettings;
import io.headroom.toolkit.alert.WebhookNotifier;
import io.headroom.toolkit.db.QueryMonitor;
import io.headroom.toolkit.monitor.MonitoringSettings;
import io.headroom.toolkit.monitor.PerformanceStats;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.headroom.toolkit.monitor.ResourceSample;
import io.headroom.toolkit.monitor.ResourceSampler;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitors of a Spring service, built over the application's own {@link MeterRegistry}.
 *
 * <p>The toolkit's {@code Monitoring} cannot be used as is: it creates its own Prometheus registry
 * and binds JVM meters that Spring Boot already binds, so the starter composes the same
 * framework-neutral parts (request, query and resource monitors, the alert engine) here and runs
 * their periodic work on one daemon thread: window roll-over every 10 s, a resource sample and an
 * alert evaluation every sample interval, the query summary log.
 */
public final class HeadroomMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadroomMonitor.class);
    private static final int INTERVALS_PER_MINUTE = 6;
    private static final int RECENT_REQUESTS = 1000;

    private final MonitoringSettings settings;
    private final long startedAtMillis = System.currentTimeMillis();
    private final RequestMonitor requests;
    private final QueryMonitor queries;
    private final ResourceSampler resources;
    private final AlertEngine alerts;
    private final WebhookNotifier webhooks;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("headroom-monitoring").unstarted(r));
    private volatile Supplier<Map<String, Object>> cacheStats = Map::of;

    HeadroomMonitor(MonitoringSettings settings, boolean alertsOn, Path diskPath, MeterRegistry registry) {
        this.settings = settings;
        this.requests = new RequestMonitor(settings.slowRequest(), RECENT_REQUESTS, INTERVALS_PER_MINUTE);
        this.queries = new QueryMonitor(
                settings.slowQueryWarning(), settings.slowQueryError(), INTERVALS_PER_MINUTE, registry);
        this.resources = new ResourceSampler(settings.resourceHistorySamples(), diskPath);
        AlertSettings a = settings.alerts();
        this.webhooks = !alertsOn || a.webhooks().isEmpty()
                ? null
                : new WebhookNotifier(
                        a.webhooks(), a.webhookTimeout(), a.webhookAttempts(), a.webhookBackoff(), a.webhookDedup());
        List<AlertRule> rules = alertsOn ? a.rules() : List.of();
        this.alerts = new AlertEngine(
                rules,
                new AlertHistory(a.retention()),
                webhooks == null ? AlertNotifier.NONE : webhooks,
                System::currentTimeMillis);
    }

    /** Takes the first sample and starts the periodic work. */
    void start() {
        resources.sample();
        every(Duration.ofSeconds(60 / INTERVALS_PER_MINUTE), this::roll);
        every(settings.resourceSampleInterval(), this::sampleAndEvaluate);
        if (!settings.querySummaryInterval().isZero()) {
            every(settings.querySummaryInterval(), queries::logSummary);
        }
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

    void roll() {
        requests.roll();
        queries.roll();
    }

    void sampleAndEvaluate() {
        resources.sample();
        ResourceSample latest = resources.latest();
        List<Long> heapAfterGc = new ArrayList<>();
        resources.history().forEach(s -> heapAfterGc.add(s.heapAfterGcBytes()));
        // No pool figure: Spring Boot reports its HikariCP pool itself (hikaricp_* meters).
        alerts.evaluate(new AlertInputs(
                latest.processCpu(),
                latest.heapUsedRatio(),
                latest.diskUsedRatio(),
                -1,
                requests.routes(),
                heapAfterGc));
    }

    /** The cache section of the stats document. */
    void reportCache(Supplier<Map<String, Object>> cacheStats) {
        this.cacheStats = cacheStats;
    }

    /** The stats document, the same shape as the Helidon services' {@code /api/performance/stats}. */
    public PerformanceStats stats(int recentRequests, int resourceHistory) {
        List<ResourceSample> history = resources.history();
        List<ResourceSample> tail = history.subList(Math.max(0, history.size() - resourceHistory), history.size());
        long now = System.currentTimeMillis();
        return new PerformanceStats(
                now,
                (now - startedAtMillis) / 1000,
                new PerformanceStats.Requests(
                        requests.totalRequests(),
                        settings.slowRequest().toMillis(),
                        requests.routes(),
                        requests.recentRequests(recentRequests),
                        requests.slowRequests()),
                queries.snapshot(10),
                null,
                cacheStats.get(),
                new PerformanceStats.Resources(settings.resourceSampleInterval().toSeconds(), resources.latest(), tail),
                null,
                new PerformanceStats.Alerts(
                        alerts.active(),
                        alerts.history().stream().limit(50).toList(),
                        webhooks == null ? null : webhooks.stats()),
                null);
    }

    public RequestMonitor requests() {
        return requests;
    }

    public QueryMonitor queries() {
        return queries;
    }

    public AlertEngine alerts() {
        return alerts;
    }

    public MonitoringSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (webhooks != null) {
            webhooks.close();
        }
        resources.close();
    }
}
