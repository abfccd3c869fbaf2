package io.headroom.toolkit.monitor;

import io.headroom.toolkit.alert.AlertSettings;
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

/**
 * Monitoring configuration (validated at start-up). Environment variables, defaults:
 * HEADROOM_MONITORING (on), HEADROOM_SLOW_REQUEST (2s), HEADROOM_SLOW_QUERY_WARNING (500ms),
 * HEADROOM_SLOW_QUERY_ERROR (1s), HEADROOM_RESOURCE_SAMPLE_INTERVAL (5s),
 * HEADROOM_RESOURCE_HISTORY (1h), HEADROOM_QUERY_SUMMARY_INTERVAL (5m),
 * HEADROOM_ALLOCATION_SAMPLING (on: JFR estimate of bytes allocated by slow requests on virtual
 * threads), HEADROOM_ALLOCATION_SAMPLE_RATE (1000 samples/s), HEADROOM_SERVER_TIMING (off: see
 * {@link ServerTiming}), plus {@link AlertSettings}.
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

    public static MonitoringSettings from(Settings env) {
        Settings s = withAlertsFile(env);
        Duration warning = s.duration("HEADROOM_SLOW_QUERY_WARNING", Duration.ofMillis(500));
        Duration error = s.duration("HEADROOM_SLOW_QUERY_ERROR", Duration.ofSeconds(1));
        if (!error.isZero() && error.compareTo(warning) < 0) {
            throw new ConfigException(
                    s.key("HEADROOM_SLOW_QUERY_ERROR") + "='" + error + "' is not valid: expected at least "
                            + s.key("HEADROOM_SLOW_QUERY_WARNING") + " (" + warning + ")");
        }
        Duration interval = s.duration("HEADROOM_RESOURCE_SAMPLE_INTERVAL", Duration.ofSeconds(5));
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(s.key("HEADROOM_RESOURCE_SAMPLE_INTERVAL") + "='" + interval
                    + "' is not valid: expected at least 1s");
        }
        Duration history = s.duration("HEADROOM_RESOURCE_HISTORY", Duration.ofHours(1));
        if (history.compareTo(interval) < 0 || history.dividedBy(interval) > 100_000) {
            throw new ConfigException(s.key("HEADROOM_RESOURCE_HISTORY") + "='" + history
                    + "' is not valid: expected from one sample interval to 100000 samples");
        }
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

    public static MonitoringSettings defaults() {
        return from(new Settings(Map.of()));
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
}
