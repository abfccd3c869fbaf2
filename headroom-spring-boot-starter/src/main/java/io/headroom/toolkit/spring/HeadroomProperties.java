package io.headroom.toolkit.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code headroom.*}. Values left unset take the toolkit's defaults; the toolkit
 * validates them ({@link ToolkitSettings}), and its errors name these keys.
 */
@ConfigurationProperties("headroom")
public class HeadroomProperties {
    private final Monitoring monitoring = new Monitoring();
    private final Queries queries = new Queries();
    private final Stats stats = new Stats();
    private final Metrics metrics = new Metrics();
    private final ResponseCache responseCache = new ResponseCache();
    private final Http http = new Http();
    private final Alerts alerts = new Alerts();

    public Monitoring getMonitoring() {
        return monitoring;
    }

    public Queries getQueries() {
        return queries;
    }

    public Stats getStats() {
        return stats;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public ResponseCache getResponseCache() {
        return responseCache;
    }

    public Http getHttp() {
        return http;
    }

    public Alerts getAlerts() {
        return alerts;
    }

    /** Request monitoring by route template, resource sampling and the periodic work behind the stats document. */
    public static class Monitoring {
        /** Record every request under its route template (a servlet filter). */
        private boolean enabled = true;
        /** Requests at least this long go to the slow-request log (0 or off disables it). Default 2s. */
        private Duration slowRequest;
        /** How often CPU, heap and disk are sampled and the alert rules evaluated (at least 1s). Default 5s. */
        private Duration resourceSampleInterval;
        /** How much resource history the stats document keeps. Default 1h. */
        private Duration resourceHistory;
        /** The file system whose usage is sampled (and alerted on). */
        private String diskPath = ".";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getSlowRequest() {
            return slowRequest;
        }

        public void setSlowRequest(Duration slowRequest) {
            this.slowRequest = slowRequest;
        }

        public Duration getResourceSampleInterval() {
            return resourceSampleInterval;
        }

        public void setResourceSampleInterval(Duration v) {
            this.resourceSampleInterval = v;
        }

        public Duration getResourceHistory() {
            return resourceHistory;
        }

        public void setResourceHistory(Duration resourceHistory) {
            this.resourceHistory = resourceHistory;
        }

        public String getDiskPath() {
            return diskPath;
        }

        public void setDiskPath(String diskPath) {
            this.diskPath = diskPath;
        }
    }

    /** Query monitoring: the application's DataSource beans are wrapped so every statement is timed. */
    public static class Queries {
        /** Wrap DataSource beans (a bean post-processor). */
        private boolean enabled = true;
        /** Statements at least this long are logged as warnings. Default 500ms. */
        private Duration slowWarning;
        /** Statements at least this long are logged as errors (not below slow-warning). Default 1s. */
        private Duration slowError;
        /** How often a one-line query summary is logged (0 or off: never). Default 5m. */
        private Duration summaryInterval;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getSlowWarning() {
            return slowWarning;
        }

        public void setSlowWarning(Duration slowWarning) {
            this.slowWarning = slowWarning;
        }

        public Duration getSlowError() {
            return slowError;
        }

        public void setSlowError(Duration slowError) {
            this.slowError = slowError;
        }

        public Duration getSummaryInterval() {
            return summaryInterval;
        }

        public void setSummaryInterval(Duration summaryInterval) {
            this.summaryInterval = summaryInterval;
        }
    }

    /** The stats document: an Actuator endpoint ({@code /actuator/headroom}) and, optionally, a path of the application. */
    public static class Stats {
        /** Also serve the stats document at this path (e.g. /api/performance/stats); unset: Actuator only. */
        private String path;
        /** Recent requests listed in the document. */
        private int recentRequests = 50;
        /** Resource samples listed in the document. */
        private int resourceHistory = 60;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public int getRecentRequests() {
            return recentRequests;
        }

        public void setRecentRequests(int recentRequests) {
            this.recentRequests = recentRequests;
        }

        public int getResourceHistory() {
            return resourceHistory;
        }

        public void setResourceHistory(int resourceHistory) {
            this.resourceHistory = resourceHistory;
        }
    }

    /** Series in the application's own MeterRegistry (what /actuator/prometheus shows). */
    public static class Metrics {
        /** Register the per-route headroom.http.* meters (db.statements.* are registered with query monitoring). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The rendered response cache for @HeadroomCached handlers and the routes listed here. */
    public static class ResponseCache {
        /** Serve @HeadroomCached handlers and the listed routes from the cache. */
        private boolean enabled = true;
        /** Bytes the in-process level may hold (bodies and their brotli and gzip variants), at least 1 MiB. */
        private long maxBytes = 64L * 1024 * 1024;
        /** Entries the cache may hold. */
        private long maxEntries = 10_000;
        /** Brotli quality, 0-11. */
        private int brotliQuality = 5;
        /** Gzip level, 1-9. */
        private int gzipLevel = 6;
        /** GET routes cached without an annotation, by route template. */
        private List<Route> routes = new ArrayList<>();
        /**
         * The shared level, redis://host:port or rediss://host:port: every instance reads the entries the others
         * stored, and an invalidation reaches them all. Needs io.headroom:headroom-cache-redis on the class path.
         * Unset: in-process only.
         */
        private String redisUrl;
        /** The longest a request waits on Redis before it treats the shared level as a miss. Default 250ms. */
        private Duration redisTimeout;
        /** How often the instances' invalidation versions are compared with Redis; a missed one is caught within twice this. Default 1s. */
        private Duration syncInterval;
        /** Prefix of every Redis key and of the invalidation channel: one per application sharing a Redis. Default headroom:cache: */
        private String keyPrefix;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        public long getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
        }

        public int getBrotliQuality() {
            return brotliQuality;
        }

        public void setBrotliQuality(int brotliQuality) {
            this.brotliQuality = brotliQuality;
        }

        public int getGzipLevel() {
            return gzipLevel;
        }

        public void setGzipLevel(int gzipLevel) {
            this.gzipLevel = gzipLevel;
        }

        public List<Route> getRoutes() {
            return routes;
        }

        public void setRoutes(List<Route> routes) {
            this.routes = routes;
        }

        public String getRedisUrl() {
            return redisUrl;
        }

        public void setRedisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
        }

        public Duration getRedisTimeout() {
            return redisTimeout;
        }

        public void setRedisTimeout(Duration redisTimeout) {
            this.redisTimeout = redisTimeout;
        }

        public Duration getSyncInterval() {
            return syncInterval;
        }

        public void setSyncInterval(Duration syncInterval) {
            this.syncInterval = syncInterval;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    /** One cached route listed in properties. */
    public static class Route {
        /** The route template as the handler mapping declares it, e.g. /api/items/{id}. */
        private String pattern;
        /** Keyspace name: lower-case letters, digits, dashes. */
        private String keyspace;
        /** How long an entry lives. */
        private Duration ttl = Duration.ofMinutes(1);
        /** Cache-Control policy: revalidate, private-no-store, immutable, or a literal header value. */
        private String cacheControl = "revalidate";

        public String getPattern() {
            return pattern;
        }

        public void setPattern(String pattern) {
            this.pattern = pattern;
        }

        public String getKeyspace() {
            return keyspace;
        }

        public void setKeyspace(String keyspace) {
            this.keyspace = keyspace;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public String getCacheControl() {
            return cacheControl;
        }

        public void setCacheControl(String cacheControl) {
            this.cacheControl = cacheControl;
        }
    }

    /** Cache-Control for routes the response cache does not serve. */
    public static class Http {
        /** Route template to policy (revalidate, private-no-store, immutable, or a literal header value). */
        private Map<String, String> cacheControl = new LinkedHashMap<>();

        public Map<String, String> getCacheControl() {
            return cacheControl;
        }

        public void setCacheControl(Map<String, String> cacheControl) {
            this.cacheControl = cacheControl;
        }
    }

    /** Alert rules, evaluated every resource sample interval, and their webhooks. */
    public static class Alerts {
        /** Evaluate the alert rules (and send webhooks when some are listed). */
        private boolean enabled = true;
        /** Webhook URLs (Slack-compatible JSON is posted to each). */
        private List<URI> webhooks = new ArrayList<>();
        /** Requests a route needs in the last minute before its rates and latencies are judged. Default 20. */
        private Integer minRequests;
        /** p95 budget for every route, in ms. Default 2000. */
        private Integer p95BudgetMs;
        /** p95 budgets per route template, in ms (overrides p95-budget-ms). */
        private Map<String, Integer> routeBudgetsMs = new LinkedHashMap<>();
        /** 5xx share of a route in per cent for a warning. Default 5. */
        private Integer errorRateWarning;
        /** 5xx share of a route in per cent for a critical alert. Default 20. */
        private Integer errorRateCritical;
        /** Process CPU in per cent for a warning. Default 80. */
        private Integer cpuWarning;
        /** Heap used in per cent for a warning. Default 85. */
        private Integer heapWarning;
        /** The same alert state is sent at most once per this window. Default 10m. */
        private Duration webhookDedup;
        /** Per-attempt timeout of a webhook call. Default 5s. */
        private Duration webhookTimeout;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<URI> getWebhooks() {
            return webhooks;
        }

        public void setWebhooks(List<URI> webhooks) {
            this.webhooks = webhooks;
        }

        public Integer getMinRequests() {
            return minRequests;
        }

        public void setMinRequests(Integer minRequests) {
            this.minRequests = minRequests;
        }

        public Integer getP95BudgetMs() {
            return p95BudgetMs;
        }

        public void setP95BudgetMs(Integer p95BudgetMs) {
            this.p95BudgetMs = p95BudgetMs;
        }

        public Map<String, Integer> getRouteBudgetsMs() {
            return routeBudgetsMs;
        }

        public void setRouteBudgetsMs(Map<String, Integer> routeBudgetsMs) {
            this.routeBudgetsMs = routeBudgetsMs;
        }

        public Integer getErrorRateWarning() {
            return errorRateWarning;
        }

        public void setErrorRateWarning(Integer errorRateWarning) {
            this.errorRateWarning = errorRateWarning;
        }

        public Integer getErrorRateCritical() {
            return errorRateCritical;
        }

        public void setErrorRateCritical(Integer errorRateCritical) {
            this.errorRateCritical = errorRateCritical;
        }

        public Integer getCpuWarning() {
            return cpuWarning;
        }

        public void setCpuWarning(Integer cpuWarning) {
            this.cpuWarning = cpuWarning;
        }

        public Integer getHeapWarning() {
            return heapWarning;
        }

        public void setHeapWarning(Integer heapWarning) {
            this.heapWarning = heapWarning;
        }

        public Duration getWebhookDedup() {
            return webhookDedup;
        }

        public void setWebhookDedup(Duration webhookDedup) {
            this.webhookDedup = webhookDedup;
        }

        public Duration getWebhookTimeout() {
            return webhookTimeout;
        }

        public void setWebhookTimeout(Duration webhookTimeout) {
            this.webhookTimeout = webhookTimeout;
        }
    }
}
