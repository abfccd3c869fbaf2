package io.headroom.toolkit.monitor;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.util.Locale;

/**
 * Who gets the per-request latency breakdown ({@code Server-Timing}) and the request id
 * ({@code X-Request-Id}) on responses: {@code HEADROOM_SERVER_TIMING}, {@code off} by default.
 *
 * <p>Off by default because the figures help an attacker as much as an operator: DB time per request
 * tells which parameters miss an index or a cache, which is the first step of a cheap denial of
 * service, and a timing channel. {@link #TOKEN} sends them only to callers the host already trusts
 * with the monitoring endpoints (a load test run with the metrics token); {@link #ON} to everyone
 * (a private network, a test bench). Off costs nothing on the request path: the slow-request log
 * still carries a request id (the caller's, when it sent a well-formed one; else a new one), made
 * only for requests over the slow threshold.
 */
public enum ServerTiming {
    OFF,
    ON,
    /** Only to callers the host's predicate accepts (the monitoring endpoints' audience). */
    TOKEN;

    public static final String SETTING = "HEADROOM_SERVER_TIMING";

    public static ServerTiming from(Settings s) {
        String value = s.string(SETTING, "off").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "off", "false", "no" -> OFF;
            case "on", "true", "yes" -> ON;
            case "token" -> TOKEN;
            default ->
                throw new ConfigException(s.key(SETTING) + "='" + value + "' is not valid: expected off, on or token"
                        + " (token: only callers holding the monitoring token)");
        };
    }
}
