package io.headroom.toolkit.db;

import io.headroom.toolkit.metrics.LatencySummary;
import java.util.List;
import java.util.Map;

/** The query section of the stats document. */
public record QueryStats(
        long total,
        long failures,
        long slowWarnings,
        long slowErrors,
        long slowWarningThresholdMs,
        long slowErrorThresholdMs,
        Map<String, TypeWindows> byType,
        List<QueryStatement> topStatements,
        List<SlowQuery> slowQueries) {

    public record TypeWindows(LatencySummary lastMinute, LatencySummary lastFiveMinutes, LatencySummary sinceStart) {}
}
