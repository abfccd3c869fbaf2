package io.headroom.toolkit.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the limiter decided for one request, with what the IETF fields report (draft-ietf-httpapi-ratelimit-headers):
 * the tightest of the quotas it drew on, its remaining tokens and the time until it is full again.
 *
 * @param allowed false: answer 429 with {@code Retry-After}
 * @param tightest the quota closest to empty (the one that refused, when refused)
 * @param applied every limit the request drew on, for {@code RateLimit-Policy}
 * @param retryAfter when refused, how long until the refusing bucket has a token again; else zero
 * @param delay when allowed past the slow-down threshold, how long to hold the request first; else zero
 */
public record Decision(
        boolean allowed,
        RateLimit tightest,
        long remaining,
        Duration reset,
        Duration retryAfter,
        Duration delay,
        List<RateLimit> applied) {

    /** {@code "api";r=12;t=30}: the {@code RateLimit} field. */
    public String rateLimitField() {
        return "\"" + tightest.name() + "\";r=" + remaining + ";t=" + ceilSeconds(reset);
    }

    /** {@code "ip";q=1000;w=900, "api";q=60;w=60}: the {@code RateLimit-Policy} field. */
    public String policyField() {
        return applied.stream().map(RateLimit::policyItem).collect(Collectors.joining(", "));
    }

    /** Whole seconds for {@code Retry-After}, never 0 for a refusal. */
    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(retryAfter));
    }

    static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}
