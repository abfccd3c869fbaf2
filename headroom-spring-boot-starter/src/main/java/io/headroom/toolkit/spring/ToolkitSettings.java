package io.headroom.toolkit.spring;

import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.monitor.MonitoringSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Spring-properties adapter for the toolkit's settings: {@code headroom.*} values are handed to
 * the toolkit's own readers ({@link MonitoringSettings#from}, {@link CacheSettings#from}) under the toolkit's names, so the
 * ranges and rules are checked in one place, and an error is re-worded to name the
 * {@code headroom.*} key the application actually set.
 */
final class ToolkitSettings {
    /** Toolkit name → Spring key, for the error messages. */
    private final Map<String, String> springKeys = new LinkedHashMap<>();

    private final Map<String, String> values = new LinkedHashMap<>();

    private ToolkitSettings() {}

    static MonitoringSettings monitoring(HeadroomProperties p) {
        ToolkitSettings s = new ToolkitSettings();
        HeadroomProperties.Monitoring m = p.getMonitoring();
        s.put("HEADROOM_MONITORING", "headroom.monitoring.enabled", m.isEnabled());
        s.put("HEADROOM_SLOW_REQUEST", "headroom.monitoring.slow-request", m.getSlowRequest());
        s.put(
                "HEADROOM_RESOURCE_SAMPLE_INTERVAL",
                "headroom.monitoring.resource-sample-interval",
                m.getResourceSampleInterval());
        s.put("HEADROOM_RESOURCE_HISTORY", "headroom.monitoring.resource-history", m.getResourceHistory());
        // JFR allocation sampling is opt-in for a library user; the Spring starter does not start it.
        s.put("HEADROOM_ALLOCATION_SAMPLING", "headroom.monitoring.allocation-sampling", false);
        HeadroomProperties.Queries q = p.getQueries();
        s.put("HEADROOM_SLOW_QUERY_WARNING", "headroom.queries.slow-warning", q.getSlowWarning());
        s.put("HEADROOM_SLOW_QUERY_ERROR", "headroom.queries.slow-error", q.getSlowError());
        s.put("HEADROOM_QUERY_SUMMARY_INTERVAL", "headroom.queries.summary-interval", q.getSummaryInterval());
        HeadroomProperties.Alerts a = p.getAlerts();
        s.put(
                "HEADROOM_ALERT_WEBHOOKS",
                "headroom.alerts.webhooks",
                a.getWebhooks().stream().map(URI::toString).collect(Collectors.joining(",")));
        s.put("HEADROOM_ALERT_MIN_REQUESTS", "headroom.alerts.min-requests", a.getMinRequests());
        s.put("HEADROOM_ALERT_P95_BUDGET_MS", "headroom.alerts.p95-budget-ms", a.getP95BudgetMs());
        s.put(
                "HEADROOM_ALERT_ROUTE_BUDGETS",
                "headroom.alerts.route-budgets-ms",
                a.getRouteBudgetsMs().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
        s.put("HEADROOM_ALERT_ERROR_RATE_WARNING", "headroom.alerts.error-rate-warning", a.getErrorRateWarning());
        s.put("HEADROOM_ALERT_ERROR_RATE_CRITICAL", "headroom.alerts.error-rate-critical", a.getErrorRateCritical());
        s.put("HEADROOM_ALERT_CPU_WARNING", "headroom.alerts.cpu-warning", a.getCpuWarning());
        s.put("HEADROOM_ALERT_HEAP_WARNING", "headroom.alerts.heap-warning", a.getHeapWarning());
        s.put("HEADROOM_ALERT_WEBHOOK_DEDUP", "headroom.alerts.webhook-dedup", a.getWebhookDedup());
        s.put("HEADROOM_ALERT_WEBHOOK_TIMEOUT", "headroom.alerts.webhook-timeout", a.getWebhookTimeout());
        return s.read(() -> MonitoringSettings.from(new Settings(s.values)));
    }

    /** The response cache's settings; a Redis URL makes it two-level (headroom-cache-redis). */
    static CacheSettings cache(HeadroomProperties p) {
        ToolkitSettings s = new ToolkitSettings();
        HeadroomProperties.ResponseCache c = p.getResponseCache();
        s.put("CACHE_MAX_BYTES", "headroom.response-cache.max-bytes", c.getMaxBytes());
        s.put("CACHE_MAX_ENTRIES", "headroom.response-cache.max-entries", c.getMaxEntries());
        s.put("REDIS_URL", "headroom.response-cache.redis-url", c.getRedisUrl());
        s.put("REDIS_TIMEOUT", "headroom.response-cache.redis-timeout", c.getRedisTimeout());
        s.put("CACHE_SYNC_INTERVAL", "headroom.response-cache.sync-interval", c.getSyncInterval());
        s.put("CACHE_KEY_PREFIX", "headroom.response-cache.key-prefix", c.getKeyPrefix());
        return s.read(() -> CacheSettings.from(new Settings(s.values)));
    }

    private void put(String toolkitName, String springKey, Object value) {
        springKeys.put(toolkitName, springKey);
        if (value != null) {
            values.put(toolkitName, value instanceof Duration d ? Settings.formatDuration(d) : value.toString());
        }
    }

    private <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            throw new ConfigException(renamed(e.getMessage()));
        }
    }

    /** The toolkit's message with each toolkit name replaced by its Spring key (longest first: no prefix clashes). */
    String renamed(String message) {
        String out = message;
        for (String name : springKeys.keySet().stream()
                .sorted((x, y) -> y.length() - x.length())
                .toList()) {
            out = out.replace(name, springKeys.get(name));
        }
        return out;
    }
}
