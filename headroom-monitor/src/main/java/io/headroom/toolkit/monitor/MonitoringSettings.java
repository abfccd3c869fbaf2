package io.headroom.toolkit.monitor;

import io.headroom.toolkit.alert.AlertSettings;
import io.headroom.toolkit.config.ComponentCheck;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Monitoring configuration (validated at start-up). Environment variables, defaults:
 * HEADROOM_MONITORING (on), HEADROOM_SLOW_REQUEST (2s), HEADROOM_SLOW_QUERY_WARNING (500ms),
 * HEADROOM_SLOW_QUERY_ERROR (1s), HEADROOM_RESOURCE_SAMPLE_INTERVAL (5s),
 * HEADROOM_RESOURCE_HISTORY (1h), HEADROOM_QUERY_SUMMARY_INTERVAL (5m),
 * HEADROOM_ALLOCATION_SAMPLING (on: JFR estimate of bytes allocated by slow requests on virtual
 * threads), HEADROOM_ALLOCATION_SAMPLE_RATE (1000 samples/s), HEADROOM_SERVER_TIMING (off: see
 * {@link ServerTiming}), plus {@link AlertSettings}. Also built in code ({@link #builder}); validated
 * on construction under the components' names, after {@link #from} has checked under the host's keys.
 */
public record MonitoringSettings(
        boolean enabled,
        Duration slowRequest,
        Duration slowQueryWarning,
        Duration slowQueryError,
        Duration resourceSampleInterval,
        Duration resourceHistory,
        Duration querySummaryInterval,
        boolean allocationSampling,
        int allocationSampleRate,
        AlertSettings alerts,
        ServerTiming serverTiming) {
    /** JFR's own default for this event is 150/s; see docs/monitoring.md for why 1000/s. */
    public static final int DEFAULT_ALLOCATION_SAMPLE_RATE = 1000;

    public MonitoringSettings {
        ComponentCheck.notNegative("slowRequest", slowRequest);
        ComponentCheck.notNegative("slowQueryWarning", slowQueryWarning);
        ComponentCheck.notNegative("slowQueryError", slowQueryError);
        ComponentCheck.present("resourceSampleInterval", resourceSampleInterval);
        ComponentCheck.present("resourceHistory", resourceHistory);
        validate(name -> name, slowQueryWarning, slowQueryError, resourceSampleInterval, resourceHistory);
        ComponentCheck.notNegative("querySummaryInterval", querySummaryInterval);
        ComponentCheck.between("allocationSampleRate", allocationSampleRate, 10, 100_000);
        ComponentCheck.present("alerts", alerts);
        ComponentCheck.present("serverTiming", serverTiming);
    }

    public static MonitoringSettings from(Settings env) {
        Settings s = withAlertsFile(env);
        Duration warning = s.duration("HEADROOM_SLOW_QUERY_WARNING", Duration.ofMillis(500));
        Duration error = s.duration("HEADROOM_SLOW_QUERY_ERROR", Duration.ofSeconds(1));
        Duration interval = s.duration("HEADROOM_RESOURCE_SAMPLE_INTERVAL", Duration.ofSeconds(5));
        Duration history = s.duration("HEADROOM_RESOURCE_HISTORY", Duration.ofHours(1));
        validate(name -> s.key(CANONICAL.get(name)), warning, error, interval, history);
        return new MonitoringSettings(
                s.bool("HEADROOM_MONITORING", true),
                s.duration("HEADROOM_SLOW_REQUEST", Duration.ofSeconds(2)),
                warning,
                error,
                interval,
                history,
                s.duration("HEADROOM_QUERY_SUMMARY_INTERVAL", Duration.ofMinutes(5)),
                s.bool("HEADROOM_ALLOCATION_SAMPLING", true),
                s.integer("HEADROOM_ALLOCATION_SAMPLE_RATE", DEFAULT_ALLOCATION_SAMPLE_RATE, 10, 100_000),
                AlertSettings.from(s),
                ServerTiming.from(s));
    }

    /** The canonical setting of each component that the rules between settings name. */
    private static final Map<String, String> CANONICAL = Map.of(
            "slowQueryWarning", "HEADROOM_SLOW_QUERY_WARNING",
            "slowQueryError", "HEADROOM_SLOW_QUERY_ERROR",
            "resourceSampleInterval", "HEADROOM_RESOURCE_SAMPLE_INTERVAL",
            "resourceHistory", "HEADROOM_RESOURCE_HISTORY");

    /**
     * The rules between settings, checked twice: by {@link #from} under the host's keys (so its error
     * names what the host set) and by the constructor under the components' names.
     */
    private static void validate(
            UnaryOperator<String> key, Duration warning, Duration error, Duration interval, Duration history) {
        if (!error.isZero() && error.compareTo(warning) < 0) {
            throw new ConfigException(key.apply("slowQueryError") + "='" + error + "' is not valid: expected at least "
                    + key.apply("slowQueryWarning") + " (" + warning + ")");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(
                    key.apply("resourceSampleInterval") + "='" + interval + "' is not valid: expected at least 1s");
        }
        if (history.compareTo(interval) < 0 || history.dividedBy(interval) > 100_000) {
            throw new ConfigException(key.apply("resourceHistory") + "='" + history
                    + "' is not valid: expected from one sample interval to 100000 samples");
        }
    }

    public static MonitoringSettings defaults() {
        return from(new Settings(Map.of()));
    }

    /** A builder starting from {@link #defaults()}: {@code MonitoringSettings.builder().slowRequest(d).build()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    public int resourceHistorySamples() {
        return (int) resourceHistory.dividedBy(resourceSampleInterval);
    }

    /** The keys of HEADROOM_ALERTS_FILE (a properties file) under the environment's. */
    private static Settings withAlertsFile(Settings env) {
        var file = env.optional("HEADROOM_ALERTS_FILE");
        if (file.isEmpty()) {
            return env;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file.get()))) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    env.key("HEADROOM_ALERTS_FILE") + "='" + file.get() + "' cannot be read: " + e.getMessage());
        }
        Map<String, String> fromFile = new HashMap<>();
        p.forEach((k, v) -> fromFile.put(k.toString(), v.toString()));
        return env.withFallback(fromFile);
    }

    /** Sets components one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private boolean enabled;
        private Duration slowRequest;
        private Duration slowQueryWarning;
        private Duration slowQueryError;
        private Duration resourceSampleInterval;
        private Duration resourceHistory;
        private Duration querySummaryInterval;
        private boolean allocationSampling;
        private int allocationSampleRate;
        private AlertSettings alerts;
        private ServerTiming serverTiming;

        private Builder(MonitoringSettings start) {
            enabled = start.enabled;
            slowRequest = start.slowRequest;
            slowQueryWarning = start.slowQueryWarning;
            slowQueryError = start.slowQueryError;
            resourceSampleInterval = start.resourceSampleInterval;
            resourceHistory = start.resourceHistory;
            querySummaryInterval = start.querySummaryInterval;
            allocationSampling = start.allocationSampling;
            allocationSampleRate = start.allocationSampleRate;
            alerts = start.alerts;
            serverTiming = start.serverTiming;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder slowRequest(Duration slowRequest) {
            this.slowRequest = slowRequest;
            return this;
        }

        public Builder slowQueryWarning(Duration slowQueryWarning) {
            this.slowQueryWarning = slowQueryWarning;
            return this;
        }

        /** Zero logs no query as an error; else at least {@link #slowQueryWarning}. */
        public Builder slowQueryError(Duration slowQueryError) {
            this.slowQueryError = slowQueryError;
            return this;
        }

        public Builder resourceSampleInterval(Duration resourceSampleInterval) {
            this.resourceSampleInterval = resourceSampleInterval;
            return this;
        }

        public Builder resourceHistory(Duration resourceHistory) {
            this.resourceHistory = resourceHistory;
            return this;
        }

        /** Zero logs no periodic query summary. */
        public Builder querySummaryInterval(Duration querySummaryInterval) {
            this.querySummaryInterval = querySummaryInterval;
            return this;
        }

        public Builder allocationSampling(boolean allocationSampling) {
            this.allocationSampling = allocationSampling;
            return this;
        }

        public Builder allocationSampleRate(int allocationSampleRate) {
            this.allocationSampleRate = allocationSampleRate;
            return this;
        }

        public Builder alerts(AlertSettings alerts) {
            this.alerts = alerts;
            return this;
        }

        public Builder serverTiming(ServerTiming serverTiming) {
            this.serverTiming = serverTiming;
            return this;
        }

        public MonitoringSettings build() {
            return new MonitoringSettings(
                    enabled,
                    slowRequest,
                    slowQueryWarning,
                    slowQueryError,
                    resourceSampleInterval,
                    resourceHistory,
                    querySummaryInterval,
                    allocationSampling,
                    allocationSampleRate,
                    alerts,
                    serverTiming);
        }
    }
}
