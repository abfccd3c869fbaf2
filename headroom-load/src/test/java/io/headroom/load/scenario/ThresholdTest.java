package io.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void parsesK6Syntax() {
        Threshold p999 = Threshold.parse("p(99.9)<1000");
        assertThat(p999.metric()).isEqualTo(Threshold.Metric.PERCENTILE);
        assertThat(p999.percentile()).isEqualTo(99.9);
        assertThat(p999.limit()).isEqualTo(1000);
        assertThat(p999.holds(999.9)).isTrue();
        assertThat(p999.holds(1000)).isFalse();

        assertThat(Threshold.parse("avg<200").metric()).isEqualTo(Threshold.Metric.AVG);
        assertThat(Threshold.parse("max<5000").metric()).isEqualTo(Threshold.Metric.MAX);
        assertThat(Threshold.parse("rate<0.01").limit()).isEqualTo(0.01);
        assertThat(Threshold.parse("errors<1%").limit()).isEqualTo(0.01);
        assertThat(Threshold.parse("p(95) < 2s").limit()).isEqualTo(2000);
        assertThat(Threshold.parse("rps>=100").holds(100)).isTrue();
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Threshold.parse("p95<500")).hasMessageContaining("bad threshold 'p95<500'");
        assertThatThrownBy(() -> Threshold.parse("p(0)<5")).hasMessageContaining("percentile");
        assertThatThrownBy(() -> Threshold.parse("avg<5%")).hasMessageContaining("only an error rate");
        assertThatThrownBy(() -> Threshold.parse("errors<5")).hasMessageContaining("errors<5.0%");
    }
}
