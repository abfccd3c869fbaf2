package io.headroom.load.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static Sample sample(String label, long responseMicros, boolean success, long bytes) {
        return new Sample(
                label,
                0,
                0,
                0,
                responseMicros * 1000,
                success ? "200" : "500",
                success,
                success ? "" : "status 500",
                bytes,
                10,
                0,
                0,
                1,
                "http://x/",
                (byte) 0,
                -1,
                -1);
    }

    @Test
    void totalIsExactlyTheSumOfItsLabelsAcrossIntervals() {
        RunMetrics metrics = new RunMetrics(0);
        for (int i = 1; i <= 300; i++) {
            metrics.onSample(sample("a", i * 100L, i % 10 != 0, 5));
        }
        TimeSeriesPoint first = metrics.roll(1_000_000_000L);
        for (int i = 1; i <= 100; i++) {
            metrics.onSample(sample("b", 50_000L + i, i % 2 == 0, 7));
        }
        TimeSeriesPoint second = metrics.roll(2_000_000_000L);

        assertThat(first.rps()).isEqualTo(300.0);
        assertThat(second.rps()).isEqualTo(100.0);
        assertThat(second.errorsPerSecond()).isEqualTo(50.0);
        RunSummary summary = metrics.summary(2.0);
        LabelSummary total = summary.total();
        assertThat(total.count()).isEqualTo(400);
        assertThat(total.errors()).isEqualTo(30 + 50);
        assertThat(total.bytesReceived()).isEqualTo(300 * 5 + 100 * 7);
        assertThat(total.bytesSent()).isEqualTo(400 * 10);
        // 300 of 400 responses are at most 30 ms, the rest are about 50 ms: the Total's p75 is the 300th value
        assertThat(total.max()).isBetween(50.05, 50.2);
        assertThat(total.min()).isEqualTo(0.1);
        assertThat(metrics.percentile(RunMetrics.TOTAL, 75)).isBetween(29.9, 30.1);
        assertThat(summary.labels()).extracting(LabelSummary::count).containsExactly(300L, 100L);
    }
}
