package io.headroom.toolkit.monitor;

import io.headroom.toolkit.alert.AlertEvent;
import io.headroom.toolkit.alert.Finding;
import io.headroom.toolkit.alert.WebhookNotifier;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.db.QueryStats;
import io.headroom.toolkit.metrics.RouteSnapshot;
import java.util.List;

/**
 * The {@code GET /api/performance/stats} document (MON-6). {@code pool} and {@code database} are
 * null when the service has no pool or database wired; {@code cache} is an empty object until a
 * cache reports into it ({@link StatsSection}); {@code replica} is null unless reads are split to a replica
 * (its state, lag, which side serves reads, its pool).
 */
public record PerformanceStats(
        long generatedAtEpochMillis,
        long uptimeSeconds,
        Requests requests,
        QueryStats queries,
        PoolMonitor.PoolSnapshot pool,
        Object cache,
        Resources resources,
        DatabaseHealth.Report database,
        Alerts alerts,
        Object replica) {

    public record Requests(
            long total,
            long slowThresholdMs,
            List<RouteSnapshot> routes,
            List<RecentRequest> recent,
            List<SlowRequest> slow) {}

    public record Resources(long sampleIntervalSeconds, ResourceSample latest, List<ResourceSample> history) {}

    public record Alerts(List<Finding> active, List<AlertEvent> recent, WebhookNotifier.Stats webhooks) {}
}
