package io.headroom.toolkit.ratelimit;

/** One bucket a request draws on: a limit and whose bucket of it ({@code ip:203.0.113.9}, {@code user:42}). */
public record Quota(RateLimit limit, String key) {}
