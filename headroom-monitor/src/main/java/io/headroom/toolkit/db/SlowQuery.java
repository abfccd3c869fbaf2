package io.headroom.toolkit.db;

/** A statement over the slow-warning threshold. {@code level} is WARNING or ERROR. */
public record SlowQuery(long atEpochMillis, String level, String sql, double durationMs, boolean failed) {}
