package io.headroom.toolkit.alert;

import io.headroom.toolkit.config.ComponentCheck;
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
 * Percentages are whole numbers (80 = 80 %); error rates, the degradation ratio and the leak growth are
 * fractions (0.05 = 5 %). Also built in code ({@link #builder}). Validated on construction under the
 * components' names; {@link #from} checks the same ranges under the host's keys first, so its errors
 * name the key the host set.
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

    public AlertSettings {
        ComponentCheck.between("cpuWarning", cpuWarning, 1, 100);
        requireCritical("cpuCritical", cpuCritical, "cpuWarning", cpuWarning);
        ComponentCheck.between("heapWarning", heapWarning, 1, 100);
        requireCritical("heapCritical", heapCritical, "heapWarning", heapWarning);
        ComponentCheck.between("diskWarning", diskWarning, 1, 100);
        requireCritical("diskCritical", diskCritical, "diskWarning", diskWarning);
        ComponentCheck.between("poolWarning", poolWarning, 1, 100);
        requireCritical("poolCritical", poolCritical, "poolWarning", poolWarning);
        ComponentCheck.between("errorRateWarning", errorRateWarning, 0.01, 1);
        ComponentCheck.between("errorRateCritical", errorRateCritical, errorRateWarning, 1);
        ComponentCheck.between("minRequests", minRequests, 1, 1_000_000);
        ComponentCheck.between("p95BudgetMs", p95BudgetMs, 1, 3_600_000);
        routeBudgetsMs = Map.copyOf(ComponentCheck.present("routeBudgetsMs", routeBudgetsMs));
        ComponentCheck.between("degradationRatio", degradationRatio, 1.01, 100);
        ComponentCheck.between("degradationMinMs", degradationMinMs, 0, 3_600_000);
        ComponentCheck.between("leakSamples", leakSamples, 3, 1000);
        ComponentCheck.between("leakMinGrowth", leakMinGrowth, 0.01, 10);
        webhooks = List.copyOf(ComponentCheck.present("webhooks", webhooks));
        webhooks.forEach(uri -> requireHttp("webhooks", uri));
        ComponentCheck.positive("webhookTimeout", webhookTimeout);
        ComponentCheck.between("webhookAttempts", webhookAttempts, 1, 10);
        ComponentCheck.positive("webhookBackoff", webhookBackoff);
        ComponentCheck.notNegative("webhookDedup", webhookDedup);
        ComponentCheck.positive("retention", retention);
    }

    /** Every threshold at its default, no route budgets, no webhooks. */
    public static AlertSettings defaults() {
        return from(new Settings(Map.of()));
    }

    /** A builder starting from {@link #defaults()}: {@code AlertSettings.builder().heapWarning(70).build()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

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

    private static void requireCritical(String component, int value, String warningComponent, int warning) {
        if (value < warning || value > 100) {
            throw new ConfigException(component + "=" + value + " is not valid: expected " + warningComponent + " ("
                    + warning + ") to 100");
        }
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
                if (!isHttp(uri)) {
                    throw new IllegalArgumentException("not http(s)");
                }
                out.add(uri);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " entry '" + part.trim() + "' is not valid: expected an http(s) URL");
            }
        }
        return List.copyOf(out);
    }

    private static void requireHttp(String component, URI uri) {
        if (!isHttp(uri)) {
            throw new ConfigException(component + " entry '" + uri + "' is not valid: expected an http(s) URL");
        }
    }

    private static boolean isHttp(URI uri) {
        return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    }

    /** Sets components one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private int cpuWarning;
        private int cpuCritical;
        private int heapWarning;
        private int heapCritical;
        private int diskWarning;
        private int diskCritical;
        private int poolWarning;
        private int poolCritical;
        private double errorRateWarning;
        private double errorRateCritical;
        private long minRequests;
        private double p95BudgetMs;
        private Map<String, Double> routeBudgetsMs;
        private double degradationRatio;
        private int degradationMinMs;
        private int leakSamples;
        private double leakMinGrowth;
        private List<URI> webhooks;
        private Duration webhookTimeout;
        private int webhookAttempts;
        private Duration webhookBackoff;
        private Duration webhookDedup;
        private Duration retention;

        private Builder(AlertSettings start) {
            cpuWarning = start.cpuWarning;
            cpuCritical = start.cpuCritical;
            heapWarning = start.heapWarning;
            heapCritical = start.heapCritical;
            diskWarning = start.diskWarning;
            diskCritical = start.diskCritical;
            poolWarning = start.poolWarning;
            poolCritical = start.poolCritical;
            errorRateWarning = start.errorRateWarning;
            errorRateCritical = start.errorRateCritical;
            minRequests = start.minRequests;
            p95BudgetMs = start.p95BudgetMs;
            routeBudgetsMs = start.routeBudgetsMs;
            degradationRatio = start.degradationRatio;
            degradationMinMs = start.degradationMinMs;
            leakSamples = start.leakSamples;
            leakMinGrowth = start.leakMinGrowth;
            webhooks = start.webhooks;
            webhookTimeout = start.webhookTimeout;
            webhookAttempts = start.webhookAttempts;
            webhookBackoff = start.webhookBackoff;
            webhookDedup = start.webhookDedup;
            retention = start.retention;
        }

        /** Percentages, here and in the other thresholds: 80 = 80 %. */
        public Builder cpuWarning(int cpuWarning) {
            this.cpuWarning = cpuWarning;
            return this;
        }

        public Builder cpuCritical(int cpuCritical) {
            this.cpuCritical = cpuCritical;
            return this;
        }

        public Builder heapWarning(int heapWarning) {
            this.heapWarning = heapWarning;
            return this;
        }

        public Builder heapCritical(int heapCritical) {
            this.heapCritical = heapCritical;
            return this;
        }

        public Builder diskWarning(int diskWarning) {
            this.diskWarning = diskWarning;
            return this;
        }

        public Builder diskCritical(int diskCritical) {
            this.diskCritical = diskCritical;
            return this;
        }

        public Builder poolWarning(int poolWarning) {
            this.poolWarning = poolWarning;
            return this;
        }

        public Builder poolCritical(int poolCritical) {
            this.poolCritical = poolCritical;
            return this;
        }

        /** A fraction of a route's requests: 0.05 = 5 %. */
        public Builder errorRateWarning(double errorRateWarning) {
            this.errorRateWarning = errorRateWarning;
            return this;
        }

        public Builder errorRateCritical(double errorRateCritical) {
            this.errorRateCritical = errorRateCritical;
            return this;
        }

        public Builder minRequests(long minRequests) {
            this.minRequests = minRequests;
            return this;
        }

        public Builder p95BudgetMs(double p95BudgetMs) {
            this.p95BudgetMs = p95BudgetMs;
            return this;
        }

        /** Route template to p95 budget in milliseconds, for routes that differ from {@link #p95BudgetMs}. */
        public Builder routeBudgetsMs(Map<String, Double> routeBudgetsMs) {
            this.routeBudgetsMs = routeBudgetsMs;
            return this;
        }

        /** How many times its baseline a route's latency must reach: 1.5 = 150 %. */
        public Builder degradationRatio(double degradationRatio) {
            this.degradationRatio = degradationRatio;
            return this;
        }

        public Builder degradationMinMs(int degradationMinMs) {
            this.degradationMinMs = degradationMinMs;
            return this;
        }

        public Builder leakSamples(int leakSamples) {
            this.leakSamples = leakSamples;
            return this;
        }

        /** A fraction of the heap: 0.1 = 10 %. */
        public Builder leakMinGrowth(double leakMinGrowth) {
            this.leakMinGrowth = leakMinGrowth;
            return this;
        }

        public Builder webhooks(List<URI> webhooks) {
            this.webhooks = webhooks;
            return this;
        }

        public Builder webhookTimeout(Duration webhookTimeout) {
            this.webhookTimeout = webhookTimeout;
            return this;
        }

        public Builder webhookAttempts(int webhookAttempts) {
            this.webhookAttempts = webhookAttempts;
            return this;
        }

        public Builder webhookBackoff(Duration webhookBackoff) {
            this.webhookBackoff = webhookBackoff;
            return this;
        }

        /** Zero sends every repeat of an alert. */
        public Builder webhookDedup(Duration webhookDedup) {
            this.webhookDedup = webhookDedup;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public AlertSettings build() {
            return new AlertSettings(
                    cpuWarning,
                    cpuCritical,
                    heapWarning,
                    heapCritical,
                    diskWarning,
                    diskCritical,
                    poolWarning,
                    poolCritical,
                    errorRateWarning,
                    errorRateCritical,
                    minRequests,
                    p95BudgetMs,
                    routeBudgetsMs,
                    degradationRatio,
                    degradationMinMs,
                    leakSamples,
                    leakMinGrowth,
                    webhooks,
                    webhookTimeout,
                    webhookAttempts,
                    webhookBackoff,
                    webhookDedup,
                    retention);
        }
    }
}
