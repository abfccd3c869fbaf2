package io.headroom.toolkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowedLatencyTest {

    /** HdrHistogram at two significant digits: any reported value is within 1 % of a recorded one. */
    private static final double PRECISION = 0.01;

    @Test
    void percentilesMatchExactPercentilesOfRandomData() {
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            WindowedLatency latency = new WindowedLatency(6);
            int n = 5_000 + random.nextInt(20_000);
            long[] micros = new long[n];
            for (int i = 0; i < n; i++) {
                // log-normal-ish spread from tens of microseconds to seconds, like real latencies
                micros[i] = Math.max(1, (long) Math.exp(random.nextGaussian() * 1.5 + 8));
                latency.recordNanos(micros[i] * 1000);
            }
            Arrays.sort(micros);
            LatencySummary s = latency.sinceStart();
            assertThat(s.count()).isEqualTo(n);
            assertClose(s.p50Ms(), exact(micros, 50));
            assertClose(s.p90Ms(), exact(micros, 90));
            assertClose(s.p95Ms(), exact(micros, 95));
            assertClose(s.p99Ms(), exact(micros, 99));
            assertClose(s.p999Ms(), exact(micros, 99.9));
            assertClose(s.maxMs(), micros[n - 1] / 1000.0);
            assertClose(s.minMs(), micros[0] / 1000.0);
            double mean = Arrays.stream(micros).average().orElseThrow() / 1000.0;
            assertThat(s.avgMs()).isCloseTo(mean, within(mean * PRECISION + 0.001));
            assertThat(latency.lastMinute()).isEqualTo(s);
        }
    }

    /** Nearest-rank percentile, the definition HdrHistogram uses. */
    private static double exact(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }

    private static void assertClose(double actualMs, double expectedMs) {
        assertThat(actualMs).isCloseTo(expectedMs, within(expectedMs * PRECISION + 0.001));
    }

    @Test
    void lastMinuteForgetsIntervalsOlderThanAMinute() {
        WindowedLatency latency = new WindowedLatency(6);
        latency.recordNanos(100_000_000); // 100 ms
        for (int i = 0; i < 5; i++) {
            latency.roll();
        }
        assertThat(latency.lastMinute().count()).isEqualTo(1);
        latency.roll(); // the 100 ms interval is now more than six intervals old
        latency.recordNanos(1_000_000);
        assertThat(latency.lastMinute().count()).isEqualTo(1);
        assertThat(latency.lastMinute().maxMs()).isCloseTo(1.0, within(0.01));
        assertThat(latency.previousMinute().count()).isEqualTo(1);
        assertThat(latency.previousMinute().maxMs()).isCloseTo(100.0, within(1.0));
        assertThat(latency.lastFiveMinutes().count()).isEqualTo(2);
        assertThat(latency.sinceStart().count()).isEqualTo(2);
    }

    @Test
    void fiveMinuteWindowRollsOverButSinceStartKeepsEverything() {
        WindowedLatency latency = new WindowedLatency(2);
        latency.recordNanos(5_000_000);
        for (int i = 0; i < 10; i++) { // 10 intervals of 30 s = five minutes
            latency.roll();
            latency.recordNanos(1_000_000);
        }
        LatencySummary five = latency.lastFiveMinutes();
        assertThat(five.count()).isEqualTo(10);
        assertThat(five.maxMs()).isCloseTo(1.0, within(0.01));
        assertThat(latency.sinceStart().count()).isEqualTo(11);
        assertThat(latency.sinceStart().maxMs()).isCloseTo(5.0, within(0.05));
    }

    @Test
    void emptyRecorderReportsZeros() {
        assertThat(new WindowedLatency(6).lastMinute()).isEqualTo(LatencySummary.EMPTY);
    }
}
