package io.headroom.toolkit.cache;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A named family of cache entries sharing one time-to-live, one set of statistics and one
 * invalidation version (see {@link TwoLevelCache}). The name is part of every Redis key, so it is
 * restricted to lower-case letters, digits and dashes.
 */
public record Keyspace(String name, Duration ttl) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Keyspace {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Keyspace name '" + name + "' must be 1-63 lower-case letters, digits or dashes");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(
                    "Keyspace '" + name + "' needs a TTL between 1ms and 365 days, not " + ttl);
        }
    }

    public static Keyspace of(String name, TtlPreset preset) {
        return new Keyspace(name, preset.ttl());
    }
}
