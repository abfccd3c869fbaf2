package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.metrics.LatencySummary;
import io.headroom.toolkit.metrics.RouteSnapshot;
import io.headroom.toolkit.monitor.PerformanceStats;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PerformanceStreamTest {
    private static final LatencySummary MINUTE = new LatencySummary(10, 1, 2, 2.5, 4, 5.5, 9.5, 12, 20);

    @Test
    void ratesComeFromTheDifferenceOfTwoSnapshots() {
        PerformanceStream.Overview first = PerformanceStream.overview(
                stats(10_000, route("GET", "/api/v1/datasets", 100, 0), route("GET", "/api/v1/stats", 50, 2)), null);
        assertThat(first.requests()).isEqualTo(150);
        assertThat(first.serverErrors()).isEqualTo(2);
        assertThat(first.requestsPerSecond()).as("no earlier snapshot").isNull();
        assertThat(first.errorRate()).isNull();

        // 2 s later: 40 more requests, 4 of them 5xx.
        PerformanceStream.Overview second = PerformanceStream.overview(
                stats(12_000, route("GET", "/api/v1/datasets", 130, 3), route("GET", "/api/v1/stats", 60, 3)), first);
        assertThat(second.requestsPerSecond()).isEqualTo(20.0);
        assertThat(second.errorRate()).isEqualTo(0.1);

        PerformanceStream.Overview idle = PerformanceStream.overview(
                stats(13_000, route("GET", "/api/v1/datasets", 130, 3), route("GET", "/api/v1/stats", 60, 3)), second);
        assertThat(idle.requestsPerSecond()).isZero();
        assertThat(idle.errorRate())
                .as("no request, no error rate to divide by zero")
                .isZero();
    }

    @Test
    void routesAreTheBusiestFifteenOfTheLastMinuteWithTheirPercentiles() {
        RouteSnapshot[] routes = IntStream.range(0, 20)
                .mapToObj(i -> route("GET", "/r" + i, i, 0))
                .toArray(RouteSnapshot[]::new);
        PerformanceStream.Overview overview = PerformanceStream.overview(stats(1_000, routes), null);
        assertThat(overview.routes()).hasSize(15);
        assertThat(overview.routes().get(0).route()).isEqualTo("GET /r19");
        assertThat(overview.routes().get(0).lastMinuteCount()).isEqualTo(19);
        assertThat(overview.routes().get(0).p50Ms()).isEqualTo(2.5);
        assertThat(overview.routes().get(0).p95Ms()).isEqualTo(5.5);
        assertThat(overview.routes().get(0).p99Ms()).isEqualTo(9.5);
        assertThat(overview.routes())
                .extracting(PerformanceStream.RouteLine::route)
                .doesNotContain("GET /r4");
    }

    private static RouteSnapshot route(String method, String path, long count, long serverErrors) {
        return new RouteSnapshot(
                method,
                path,
                count,
                serverErrors,
                0,
                0,
                new RouteSnapshot.StatusClasses(0, count - serverErrors, 0, 0, serverErrors),
                count,
                0.0,
                MINUTE,
                MINUTE,
                MINUTE,
                LatencySummary.EMPTY);
    }

    private static PerformanceStats stats(long at, RouteSnapshot... routes) {
        return new PerformanceStats(
                at,
                at / 1000,
                new PerformanceStats.Requests(0, 500, List.of(routes), List.of(), List.of()),
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null);
    }
}
