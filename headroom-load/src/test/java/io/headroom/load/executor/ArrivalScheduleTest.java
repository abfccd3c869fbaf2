package io.headroom.load.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.scenario.ExecutorSpec.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static List<Double> all(ArrivalSchedule s) {
        List<Double> times = new ArrayList<>();
        for (double t; (t = s.nextSeconds()) >= 0; ) {
            times.add(t);
        }
        return times;
    }

    @Test
    void constantRateIsEvenlySpaced() {
        List<Double> t =
                all(new ArrivalSchedule(10, Duration.ofSeconds(1), List.of(new Stage(Duration.ofSeconds(2), 10))));

        assertThat(t).hasSize(20);
        assertThat(t.get(0)).isEqualTo(0.0);
        assertThat(t.get(1)).isCloseTo(0.1, Offset.offset(1e-9));
        assertThat(t.get(19)).isCloseTo(1.9, Offset.offset(1e-9));
    }

    @Test
    void rampingRateStartsTheIntegralOfTheRate() {
        // 0 → 100/s over 10 s is 500 iterations, then 100/s for 5 s is 500 more.
        List<Double> t = all(new ArrivalSchedule(
                0,
                Duration.ofSeconds(1),
                List.of(new Stage(Duration.ofSeconds(10), 100), new Stage(Duration.ofSeconds(5), 100))));

        assertThat(t).hasSize(1000);
        // Half the ramp's iterations (250) are due once the rate integral reaches 250: at √(250·2·10/100) ≈ 7.07 s.
        assertThat(t.get(250)).isCloseTo(Math.sqrt(50), Offset.offset(1e-6));
        assertThat(t).isSorted();
    }

    @Test
    void timeUnitScalesTheRate() {
        assertThat(all(new ArrivalSchedule(60, Duration.ofMinutes(1), List.of(new Stage(Duration.ofSeconds(3), 60)))))
                .hasSize(3);
    }
}
