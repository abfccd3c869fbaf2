package io.headroom.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Stats documents (docs/monitoring.md's shape, trimmed) turned into per-second points. */
class InstanceTimelineTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long T0 = 1_800_000_000_000L;

    /** A document at {@code at} with cumulative counters as given and the recent ring {@code recent}. */
    static StatsReading doc(
            long at,
            long datasets,
            long errors,
            long statsPolls,
            String recent,
            long statements,
            double selectAvgMs,
            long acquires,
            double acquireAvgMs,
            int waiting,
            long hits,
            long misses,
            long resourcesAt,
            long gcCount,
            long gcTimeMs,
            long longestPause)
            throws Exception {
        String json = """
                {"generatedAtEpochMillis": %d,
                 "requests": {"total": 0, "routes": [
                   {"method": "GET", "route": "/api/v1/datasets", "count": %d, "errors": %d},
                   {"method": "GET", "route": "/api/performance/stats", "count": %d, "errors": 0}],
                   "recent": [%s]},
                 "queries": {"total": %d, "byType": {"SELECT": {"sinceStart": {"count": %d, "avgMs": %s}}}},
                 "pool": {"active": 3, "idle": 2, "waiting": %d, "acquire": {"count": %d, "avgMs": %s, "p95Ms": 0.4}},
                 "cache": {"keyspaces": [{"keyspace": "lists", "hits": %d, "misses": %d}]},
                 "resources": {"latest": {"atEpochMillis": %d, "processCpu": 0.25, "heapUsedBytes": 1000,
                   "threads": 30, "gcCount": %d, "gcTimeMs": %d, "gcLongestPauseMs": %d}}}
                """.formatted(
                        at,
                        datasets,
                        errors,
                        statsPolls,
                        recent,
                        statements,
                        statements,
                        selectAvgMs,
                        waiting,
                        acquires,
                        acquireAvgMs,
                        hits,
                        misses,
                        resourcesAt,
                        gcCount,
                        gcTimeMs,
                        longestPause);
        return StatsReading.of(MAPPER.readTree(json), at);
    }

    static String recent(long at, double... durations) {
        StringBuilder s = new StringBuilder();
        for (double d : durations) {
            s.append(s.isEmpty() ? "" : ",")
                    .append("{\"atEpochMillis\": ")
                    .append(at)
                    .append(", \"method\": \"GET\", \"route\": \"/api/v1/datasets\", \"status\": 200, \"durationMs\": ")
                    .append(d)
                    .append('}');
        }
        return s.toString();
    }

    @Test
    void cumulativeCountersBecomeTheSecondsDeltasAndTheRingGivesTheRoutePercentiles() throws Exception {
        InstanceTimeline timeline = new InstanceTimeline(0);
        timeline.rebase(doc(T0, 100, 1, 7, recent(T0 - 10, 500), 300, 1.0, 50, 0.1, 0, 40, 10, T0 - 500, 4, 40, 30));
        // one second later: 10 requests (1 of them a 5xx), 30 statements of 1 ms, 10 acquisitions taking 2 ms in all,
        // 8 hits and 2 misses; a new resource sample with 2 collections of 12 ms together
        String ring = recent(T0 + 400, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100) + "," + recent(T0 - 10, 500);
        timeline.accept(
                doc(T0 + 1000, 110, 2, 8, ring, 330, 1.0, 60, 0.1 * 50 / 60 + 2.0 / 60, 4, 48, 12, T0 + 500, 6, 52, 30),
                1,
                T0 + 1000,
                1);

        ServerPoint p = timeline.points().getFirst();
        assertThat(p.elapsedSeconds()).isEqualTo(1);
        assertThat(p.epochMillis()).isEqualTo(T0 + 1000);
        assertThat(p.requests())
                .as("the poller's own stats request is not one of the run's")
                .isEqualTo(10);
        assertThat(p.routes()).containsOnlyKeys("GET /api/v1/datasets");
        ServerPoint.RoutePoint route = p.routes().get("GET /api/v1/datasets");
        assertThat(route.count()).isEqualTo(10);
        assertThat(route.errors()).isEqualTo(1);
        assertThat(route.samples())
                .as("only the ring's requests of this interval")
                .isEqualTo(10);
        assertThat(route.p50()).isEqualTo(5);
        assertThat(route.p99()).isEqualTo(100);
        assertThat(p.statementsPerRequest()).isEqualTo(3.0);
        assertThat(p.dbTimeMsPerRequest()).isCloseTo(3.0, Offset.offset(1e-9));
        assertThat(p.poolWaitMs()).isCloseTo(0.2, Offset.offset(1e-9));
        assertThat(p.poolWaiting()).isEqualTo(4);
        assertThat(p.cacheHitRate()).isEqualTo(0.8);
        assertThat(p.cacheHitRates()).containsEntry("lists", 0.8);
        assertThat(p.gcCount()).isEqualTo(2);
        assertThat(p.gcPauseMs()).isEqualTo(6);
        assertThat(p.cpu()).isEqualTo(0.25);
        assertThat(timeline.routeMicros().get("GET /api/v1/datasets").getTotalCount())
                .isEqualTo(10);
    }

    @Test
    void aLongerLongestPauseIsAPauseOfTheInterval() throws Exception {
        InstanceTimeline timeline = new InstanceTimeline(0);
        timeline.rebase(doc(T0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, T0, 1, 10, 10));
        timeline.accept(doc(T0 + 1000, 0, 0, 1, "", 0, 0, 0, 0, 0, 0, 0, T0 + 1000, 3, 250, 220), 1, T0 + 1000, 1);
        assertThat(timeline.points().getFirst().gcPauseMs()).isEqualTo(220);
        assertThat(timeline.points().getFirst().gcTimeMs()).isEqualTo(240);
    }

    @Test
    void withoutANewResourceSampleGcFiguresAreAbsentNotZero() throws Exception {
        InstanceTimeline timeline = new InstanceTimeline(0);
        timeline.rebase(doc(T0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, T0, 1, 10, 10));
        timeline.accept(doc(T0 + 1000, 0, 0, 1, "", 0, 0, 0, 0, 0, 0, 0, T0, 1, 10, 10), 1, T0 + 1000, 1);
        ServerPoint p = timeline.points().getFirst();
        assertThat(List.of(p.gcCount(), p.gcPauseMs(), p.gcTimeMs(), p.cacheHitRate(), p.poolWaitMs()))
                .allMatch(v -> v.isNaN());
    }

    @Test
    void aDocumentWithoutItsOptionalSectionsGivesAbsentFiguresNotAnError() throws Exception {
        InstanceTimeline timeline = new InstanceTimeline(0);
        timeline.rebase(StatsReading.of(
                MAPPER.readTree("{\"requests\": {\"routes\": [{\"route\": \"/a\", \"count\": 1}]}}"), T0));
        timeline.accept(
                StatsReading.of(
                        MAPPER.readTree(
                                "{\"requests\": {\"routes\": [{\"route\": \"/a\", \"count\": 4}],"
                                        + " \"recent\": [{\"route\": \"/a\"}]}, \"pool\": null, \"resources\": {\"latest\": {\"processCpu\": -1}}}"),
                        T0 + 1000),
                1,
                T0 + 1000,
                0);
        ServerPoint p = timeline.points().getFirst();
        assertThat(p.requests()).isEqualTo(3);
        assertThat(p.routes().get("/a").p99()).isNaN();
        assertThat(List.of(
                        p.cpu(),
                        p.poolActive(),
                        p.poolWaiting(),
                        p.dbTimeMsPerRequest(),
                        p.statementsPerRequest(),
                        p.heapUsedBytes(),
                        p.threads()))
                .allMatch(v -> v.isNaN());
        assertThat(StatsReading.isStatsDocument(MAPPER.readTree("{\"status\": \"UP\"}")))
                .isFalse();
    }

    @Test
    void aFigureFromSinceStartMeansIsLeftOutWhenTheirRoundingCouldMakeItUp() {
        // 10 acquisitions since start: the 1 µs rounding is nothing against 2 ms over 10 acquisitions
        assertThat(InstanceTimeline.fromMeans(12.0, 10.0, 20, 10)).isCloseTo(0.2, Offset.offset(1e-9));
        // a million since start and 10 in the second: up to 100 ms each of rounding, against a 0.2 ms figure
        assertThat(InstanceTimeline.fromMeans(500_002.0, 500_000.0, 2_000_000, 10))
                .isNaN();
        // 10,000 since start and 1,000 in the second: up to 5 µs each against 0.2 ms
        assertThat(InstanceTimeline.fromMeans(5_200.0, 5_000.0, 10_000, 1000)).isCloseTo(0.2, Offset.offset(1e-9));
        assertThat(InstanceTimeline.fromMeans(1, 1, 0, 0))
                .as("nothing in the second")
                .isNaN();
    }
}
