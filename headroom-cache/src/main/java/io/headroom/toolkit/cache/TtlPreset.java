package io.headroom.toolkit.cache;

import java.time.Duration;

/** The time-to-live presets of CACHE-2; a keyspace takes one of these or its own duration. */
public enum TtlPreset {
    ONE_MINUTE(Duration.ofMinutes(1)),
    FIVE_MINUTES(Duration.ofMinutes(5)),
    THIRTY_MINUTES(Duration.ofMinutes(30)),
    ONE_HOUR(Duration.ofHours(1)),
    ONE_DAY(Duration.ofDays(1)),
    SEVEN_DAYS(Duration.ofDays(7));

    private final Duration ttl;

    TtlPreset(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }
}
