package io.headroom.load.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BehindScheduleTest {

    private static TimeSeriesPoint point(double end, double interval, double lagMs, long droppedSoFar) {
        return new TimeSeriesPoint(end, interval, 1, 100, 0, 1, 2, 3, 100, 0, droppedSoFar, lagMs, -1);
    }

    @Test
    void flagsSecondsWithALateSendOrNewDropsByTheSecondTheyStart() {
        List<TimeSeriesPoint> series = List.of(
                point(1.0, 1.0, 850.0, 0), // second 0: sends far behind schedule
                point(2.0, 1.0, 3.0, 0), // second 1: fine
                point(3.0, 1.0, 2.0, 7), // second 2: 7 dropped
                point(4.0, 1.0, 10.0, 7), // second 3: at the bound, not beyond; no new drops
                point(4.3, 0.3, 11.0, 7)); // the last partial second (starts at 4)

        BehindSchedule behind = BehindSchedule.of(series, 10);

        assertThat(behind.seconds())
                .containsExactly(
                        new BehindSchedule.Second(0, 850.0, 0),
                        new BehindSchedule.Second(2, 2.0, 7),
                        new BehindSchedule.Second(4, 11.0, 0));
    }

    @Test
    void recordsTheLargestSendLagOfEachInterval() {
        RunMetrics metrics = new RunMetrics(0);
        metrics.onSample(
                new Sample("a", 0, 2_000_000, 0, 3_000_000, "200", true, "", 1, 1, 0, 0, 1, "u", (byte) 0, -1, -1));
        metrics.onSample(
                new Sample("a", 0, 40_000_000, 0, 41_000_000, "200", true, "", 1, 1, 0, 0, 1, "u", (byte) 0, -1, -1));
        TimeSeriesPoint first = metrics.roll(1_000_000_000L);
        TimeSeriesPoint second = metrics.roll(2_000_000_000L);

        assertThat(first.maxSendLagMs()).isEqualTo(40.0);
        assertThat(second.maxSendLagMs()).isZero();
        assertThat(second.hasRequests()).isFalse();
    }
}
