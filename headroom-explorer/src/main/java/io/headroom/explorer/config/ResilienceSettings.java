package io.headroom.explorer.config;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.helidon.StaleCopies;
import io.headroom.toolkit.resilience.Backoff;
import io.headroom.toolkit.resilience.BreakerSettings;
import io.headroom.toolkit.resilience.ConcurrencyLimitSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the service protects itself and its database (RES-1..3): start-up retries, the database's
 * circuit breaker and statement timeout, health-check timeouts, and the stop sequence.
 *
 * @param startRetry the backoff between attempts to reach the database at start-up
 * @param statementTimeout the bound on every statement (0: none)
 * @param breaker the database's circuit breaker
 * @param healthTimeout each health check's own timeout
 * @param shutdownDelay after SIGTERM, how long new requests are still served while readiness says 503
 * @param shutdownGrace after that, how long requests in flight may take to finish
 * @param staleIfError how long a cached response's last good copy may answer while the database is down (0: never)
 * @param admissionQueue how many requests may wait for the database's adaptive concurrency limit (-1: no limit at all)
 * @param admissionWait how long one may wait before its 503
 * @param concurrencyLimits the adaptive concurrency limit of each route class (RATE-5)
 * @param storeBreaker the object store's circuit breaker (S3 or the lake directory)
 */
public record ResilienceSettings(
        Backoff startRetry,
        Duration statementTimeout,
        BreakerSettings breaker,
        Duration healthTimeout,
        Duration shutdownDelay,
        Duration shutdownGrace,
        Duration staleIfError,
        int admissionQueue,
        Duration admissionWait,
        ConcurrencyLimitSettings concurrencyLimits,
        BreakerSettings storeBreaker) {

    /** The bound on the bytes of the stale copies (beyond what the response cache holds anyway). */
    public static final long STALE_COPIES_MAX_BYTES = 64L * 1024 * 1024;

    public StaleCopies staleCopies() {
        return staleIfError.isZero() ? StaleCopies.none() : StaleCopies.keep(staleIfError, STALE_COPIES_MAX_BYTES);
    }

    public static ResilienceSettings from(Settings s) {
        Duration retryMax = s.duration("HEADROOM_START_RETRY_MAX", Duration.ofSeconds(30));
        if (retryMax.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigException(
                    "HEADROOM_START_RETRY_MAX=" + retryMax.toMillis() + "ms is too short: at least 100ms");
        }
        Duration healthTimeout = s.duration("HEADROOM_HEALTH_TIMEOUT", Duration.ofSeconds(2));
        if (healthTimeout.isZero()) {
            throw new ConfigException("HEADROOM_HEALTH_TIMEOUT cannot be 0: each health check needs a timeout");
        }
        return new ResilienceSettings(
                new Backoff(Duration.ofMillis(Math.min(500, retryMax.toMillis())), retryMax, 2),
                s.duration("DB_STATEMENT_TIMEOUT", Duration.ofSeconds(30)),
                breaker(s, "DB_BREAKER"),
                healthTimeout,
                s.duration("HEADROOM_SHUTDOWN_DELAY", Duration.ofSeconds(2)),
                s.duration("HEADROOM_SHUTDOWN_GRACE", Duration.ofSeconds(20)),
                s.duration("HTTP_STALE_IF_ERROR", Duration.ofHours(1)),
                s.bool("DB_ADMISSION", true) ? s.integer("DB_ADMISSION_QUEUE", 200, 0, 100_000) : -1,
                s.duration("DB_ADMISSION_WAIT", Duration.ofMillis(500)),
                ConcurrencyLimitSettings.from(s, classCeilings()),
                breaker(s, "LAKE_BREAKER"));
    }

    /** {@code <prefix>_FAILURE_RATE} (%) of the last 10 calls opens it for {@code <prefix>_OPEN_FOR}; 2 trial calls. */
    private static BreakerSettings breaker(Settings s, String prefix) {
        Duration open = s.duration(prefix + "_OPEN_FOR", Duration.ofSeconds(5));
        if (open.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigException(prefix + "_OPEN_FOR=" + open.toMillis() + "ms is too short: at least 100ms");
        }
        return new BreakerSettings(s.integer(prefix + "_FAILURE_RATE", 50, 1, 100), 10, open, 2);
    }

    /**
     * The limited route classes (the rate limiter's, by lower-case name) and their default ceilings: API reads
     * up to the pool's default size, heavy work (samples, exports, refresh starts) and logins (a password
     * hash each) a few at a time.
     */
    private static Map<String, Integer> classCeilings() {
        Map<String, Integer> ceilings = new LinkedHashMap<>();
        ceilings.put("api", 20);
        ceilings.put("heavy", 8);
        ceilings.put("auth", 4);
        return ceilings;
    }
}
