package io.headroom.toolkit.ratelimit;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * A named quota: {@code requests} per {@code period}, as a token bucket that holds {@code requests} tokens
 * and refills them greedily (one every period/requests), so a client that spent its quota gets a token back
 * soon rather than all of them at the end of the period.
 *
 * @param name the policy's name in the {@code RateLimit} and {@code RateLimit-Policy} fields ({@code api})
 */
public record RateLimit(String name, long requests, Duration period) {
    public RateLimit {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A rate limit's name is lower-case letters, digits and '-': " + name);
        }
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs at least 1 request per a positive period");
        }
    }

    /**
     * Parses {@code <requests>/<period>}, e.g. {@code 60/1m} or {@code 1000/15m} (periods as every duration
     * setting: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}).
     *
     * @param setting the variable it came from, for the error message
     */
    public static RateLimit parse(String name, String setting, String text) {
        int slash = text.indexOf('/');
        String problem = setting + "=" + text + " is not valid: expected <requests>/<period>, e.g. 60/1m";
        if (slash < 1) {
            throw new ConfigException(problem);
        }
        long requests;
        try {
            requests = Long.parseLong(text.substring(0, slash).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(problem);
        }
        Optional<Duration> period =
                Settings.parseDuration(text.substring(slash + 1).trim());
        if (requests < 1
                || period.isEmpty()
                || period.get().isZero()
                || period.get().isNegative()) {
            throw new ConfigException(problem + " (at least 1 request per a positive period)");
        }
        return new RateLimit(name, requests, period.get());
    }

    /** This limit with its requests divided among {@code instances} (rounded up): a per-instance share. */
    public RateLimit dividedAmong(int instances) {
        return new RateLimit(name, Math.max(1, (requests + instances - 1) / instances), period);
    }

    /** {@code "api";q=60;w=60}: one item of the {@code RateLimit-Policy} field (draft-ietf-httpapi-ratelimit-headers). */
    public String policyItem() {
        return "\"" + name + "\";q=" + requests + ";w=" + Math.max(1, period.toSeconds());
    }

    public String describe() {
        return requests + "/" + Settings.formatDuration(period);
    }
}
