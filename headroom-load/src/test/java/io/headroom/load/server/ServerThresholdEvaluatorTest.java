package io.headroom.load.server;

import static io.headroom.load.server.InstanceTimelineTest.T0;
import static io.headroom.load.server.InstanceTimelineTest.doc;
import static io.headroom.load.server.InstanceTimelineTest.recent;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.scenario.ServerThreshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Server thresholds on a recorded timeline of two instances. */
class ServerThresholdEvaluatorTest {

    /** Two instances, three seconds; instance 1 waits longer for connections and misses the cache more. */
    private static ServerTimeline recorded() throws Exception {
        InstanceTimeline a = new InstanceTimeline(0);
        InstanceTimeline b = new InstanceTimeline(1);
        a.rebase(doc(T0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, T0, 0, 0, 0));
        b.rebase(doc(T0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, T0, 0, 0, 0));
        for (int s = 1; s <= 3; s++) {
            long at = T0 + s * 1000L;
            // a: 10 requests/s of 2 ms, acquire 1 ms each, 9 of 10 lookups hit; one 150 ms GC in second 2
            a.accept(
                    doc(
                            at,
                            10L * s,
                            0,
                            s,
                            recent(at - 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
                            10L * s,
                            1,
                            10L * s,
                            1.0,
                            0,
                            9L * s,
                            s,
                            at,
                            s >= 2 ? 1 : 0,
                            s >= 2 ? 150 : 0,
                            s >= 2 ? 150 : 0),
                    s,
                    at,
                    1);
            // b: 10 requests/s, one of 80 ms each second, one 5xx in second 3; acquire 9 ms each; half the lookups hit
            b.accept(
                    doc(
                            at,
                            10L * s,
                            s == 3 ? 1 : 0,
                            s,
                            recent(at - 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 80),
                            10L * s,
                            1,
                            10L * s,
                            9.0,
                            2,
                            5L * s,
                            5L * s,
                            at,
                            0,
                            0,
                            0),
                    s,
                    at,
                    1);
        }
        List<ServerPoint> points = new ArrayList<>(a.points());
        points.addAll(b.points());
        Histogram all = new Histogram(3);
        a.routeMicros().values().forEach(all::add);
        b.routeMicros().values().forEach(all::add);
        return new ServerTimeline(List.of(), points, Map.of("GET /api/v1/datasets", all));
    }

    private static ServerThresholdResult evaluate(String threshold) throws Exception {
        return ServerThresholdEvaluator.evaluate(List.of(ServerThreshold.parse(threshold)), recorded())
                .getFirst();
    }

    @Test
    void perSecondMetricsAggregateOverEveryInstanceSecond() throws Exception {
        assertThat(evaluate("server.pool.wait.max<5").actual()).isEqualTo(9);
        assertThat(evaluate("server.pool.wait.max<5").passed()).isFalse();
        assertThat(evaluate("server.pool.wait.min<5").actual()).isEqualTo(1);
        assertThat(evaluate("server.pool.wait<6").actual())
                .as("mean of 3 x 1 ms and 3 x 9 ms")
                .isEqualTo(5);
        assertThat(evaluate("server.pool.wait<6").passed()).isTrue();
        assertThat(evaluate("server.pool.waiting.p95<3").actual()).isEqualTo(2);
        assertThat(evaluate("server.cache.hitRate>0.9").actual())
                .as("mean of 0.9 and 0.5")
                .isCloseTo(0.7, Offset.offset(1e-9));
        assertThat(evaluate("server.cache.hitRate>0.9").passed()).isFalse();
        assertThat(evaluate("server.gc.pause.max<200").actual()).isEqualTo(150);
        assertThat(evaluate("server.gc.pause.max<200").passed()).isTrue();
        assertThat(evaluate("server.gc.pause.max<100").passed()).isFalse();
        assertThat(evaluate("server.cpu<0.8").actual()).isEqualTo(0.25);
        assertThat(evaluate("server.db.statements<2").actual()).isEqualTo(1);
    }

    @Test
    void routeThresholdsUseTheServersOwnRequestSamplesAndCounts() throws Exception {
        ServerThresholdResult p99 = evaluate("server.route['/api/v1/datasets'].p99<50");
        assertThat(p99.actual()).as("3 of the 60 requests took 80 ms").isCloseTo(80, Offset.offset(0.1));
        assertThat(p99.passed()).isFalse();
        assertThat(evaluate("server.route['GET /api/v1/datasets'].p(90)<50").passed())
                .isTrue();
        assertThat(evaluate("server.route['/api/v1/datasets'].errors<0.01").actual())
                .isEqualTo(1.0 / 60);
    }

    @Test
    void aThresholdWithNoServerDataFails() throws Exception {
        ServerThresholdResult none = evaluate("server.route['/api/v1/folders'].p99<50");
        assertThat(none.actual()).isNaN();
        assertThat(none.passed()).isFalse();
    }
}
