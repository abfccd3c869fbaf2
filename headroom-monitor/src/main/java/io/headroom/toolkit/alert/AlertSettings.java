package io.headroom.toolkit.alert;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert rule thresholds and webhook delivery, read from settings (environment variables, or a
 * properties file named by {@code HEADROOM_ALERTS_FILE} with the same keys; the environment wins).
 * Percentages are whole numbers (80 = 80 %).
 */
public record AlertSettings(
        int cpuWarning,
        int cpuCritical,
        int heapWarning,
        int heapCritical,
        int diskWarning,
        int diskCritical,
        int poolWarning,
        int poolCritical,
        double errorRateWarning,
        double errorRateCritical,
        long minRequests,
        double p95BudgetMs,
        Map<String, Double> routeBudgetsMs,
        double degradationRatio,
        int degradationMinMs,
        int leakSamples,
        double leakMinGrowth,
        List<URI> webhooks,
        Duration webhookTimeout,
        int webhookAttempts,
        Duration webhookBackoff,
        Duration webhookDedup,
        Duration retention) {

    public static AlertSettings from(Settings s) {
        int cpuW = s.integer("HEADROOM_ALERT_CPU_WARNING", 80, 1, 100);
        int heapW = s.integer("HEADROOM_ALERT_HEAP_WARNING", 85, 1, 100);
        int diskW = s.integer("HEADROOM_ALERT_DISK_WARNING", 90, 1, 100);
        int poolW = s.integer("HEADROOM_ALERT_POOL_WARNING", 80, 1, 100);
        double errW = s.integer("HEADROOM_ALERT_ERROR_RATE_WARNING", 5, 1, 100) / 100.0;
        return new AlertSettings(
                cpuW,
                critical(s, "HEADROOM_ALERT_CPU_CRITICAL", 95, cpuW),
                heapW,
                critical(s, "HEADROOM_ALERT_HEAP_CRITICAL", 95, heapW),
                diskW,
                critical(s, "HEADROOM_ALERT_DISK_CRITICAL", 95, diskW),
                poolW,
                critical(s, "HEADROOM_ALERT_POOL_CRITICAL", 95, poolW),
                errW,
                critical(s, "HEADROOM_ALERT_ERROR_RATE_CRITICAL", 20, (int) Math.round(errW * 100)) / 100.0,
                s.integer("HEADROOM_ALERT_MIN_REQUESTS", 20, 1, 1_000_000),
                s.integer("HEADROOM_ALERT_P95_BUDGET_MS", 2000, 1, 3_600_000),
                budgets(s.key("HEADROOM_ALERT_ROUTE_BUDGETS"), s.string("HEADROOM_ALERT_ROUTE_BUDGETS", "")),
                s.integer("HEADROOM_ALERT_DEGRADATION_PERCENT", 150, 101, 10_000) / 100.0,
                s.integer("HEADROOM_ALERT_DEGRADATION_MIN_MS", 50, 0, 3_600_000),
                s.integer("HEADROOM_ALERT_LEAK_SAMPLES", 6, 3, 1000),
                s.integer("HEADROOM_ALERT_LEAK_MIN_GROWTH_PERCENT", 10, 1, 1000) / 100.0,
                urls(s.key("HEADROOM_ALERT_WEBHOOKS"), s.string("HEADROOM_ALERT_WEBHOOKS", "")),
                positive(s, "HEADROOM_ALERT_WEBHOOK_TIMEOUT", Duration.ofSeconds(5)),
                s.integer("HEADROOM_ALERT_WEBHOOK_ATTEMPTS", 3, 1, 10),
                positive(s, "HEADROOM_ALERT_WEBHOOK_BACKOFF", Duration.ofSeconds(1)),
                s.duration("HEADROOM_ALERT_WEBHOOK_DEDUP", Duration.ofMinutes(10)),
                Duration.ofHours(24));
    }

    /** The rules these settings describe, in evaluation order. */
    public List<AlertRule> rules() {
        return List.of(
                new AlertRule.Threshold("cpu", in -> in.processCpu(), cpuWarning / 100.0, cpuCritical / 100.0),
                new AlertRule.Threshold("heap", in -> in.heapUsedRatio(), heapWarning / 100.0, heapCritical / 100.0),
                new AlertRule.Threshold("disk", in -> in.diskUsedRatio(), diskWarning / 100.0, diskCritical / 100.0),
                new AlertRule.Threshold("pool", in -> in.poolUtilisation(), poolWarning / 100.0, poolCritical / 100.0),
                new AlertRule.RouteErrorRate(errorRateWarning, errorRateCritical, minRequests),
                new AlertRule.RouteLatencyBudget(p95BudgetMs, routeBudgetsMs, minRequests),
                new AlertRule.Degradation(degradationRatio, degradationMinMs, minRequests),
                new AlertRule.HeapLeak(leakSamples, leakMinGrowth));
    }

    private static int critical(Settings s, String name, int defaultValue, int warning) {
        int value = s.integer(name, Math.max(defaultValue, warning), 1, 100);
        if (value < warning) {
            throw new ConfigException(
                    s.key(name) + "='" + value + "' is not valid: expected at least the warning threshold " + warning);
        }
        return value;
    }

    private static Duration positive(Settings s, String name, Duration defaultValue) {
        Duration d = s.duration(name, defaultValue);
        if (d.isZero()) {
            throw new ConfigException(
                    s.key(name) + "='0' is not valid: expected a positive duration such as 500ms or 5s");
        }
        return d;
    }

    /** {@code /api/v1/datasets/{id}=300,/api/v1/search=800} → route template → budget in ms. */
    static Map<String, Double> budgets(String key, String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.lastIndexOf('=');
            try {
                out.put(
                        part.substring(0, eq).trim(),
                        Double.parseDouble(part.substring(eq + 1).trim()));
            } catch (RuntimeException e) {
                throw new ConfigException(key + " entry '" + part.trim()
                        + "' is not valid: expected route-template=milliseconds, e.g. /api/v1/datasets/{id}=300");
            }
        }
        return Map.copyOf(out);
    }

    static List<URI> urls(String key, String text) {
        List<URI> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                URI uri = URI.create(part.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                out.add(uri);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " entry '" + part.trim() + "' is not valid: expected an http(s) URL");
            }
        }
        return List.copyOf(out);
    }
}
