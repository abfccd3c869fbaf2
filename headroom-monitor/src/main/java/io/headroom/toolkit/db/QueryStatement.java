package io.headroom.toolkit.db;

/** One normalised statement's figures since start. */
public record QueryStatement(
        String sql,
        SqlText.StatementType type,
        long count,
        long failures,
        double totalMs,
        double avgMs,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double maxMs) {}
