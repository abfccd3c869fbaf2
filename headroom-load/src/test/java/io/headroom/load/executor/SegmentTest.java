package io.headroom.load.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.load.scenario.ExecutorSpec.Stage;
import io.headroom.load.scenario.ScenarioException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void vuSharesOfEverySegmentAddUpToTheWholeForAnyCount() {
        for (int n = 1; n <= 7; n++) {
            for (int total = 0; total <= 50; total++) {
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    int share = new Segment(i, n).share(total);
                    assertThat(share).isBetween(total / n, total / n + 1);
                    sum += share;
                }
                assertThat(sum).as(total + " VUs over " + n).isEqualTo(total);
            }
        }
    }

    @Test
    void segmentsOfARampingScheduleAreTheWholeScheduleIterationForIteration() {
        List<Stage> stages = List.of(
                new Stage(Duration.ofSeconds(3), 50),
                new Stage(Duration.ofSeconds(2), 50),
                new Stage(Duration.ofSeconds(2), 5));
        List<Double> whole = times(stages, Segment.WHOLE);
        List<Double> union = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Double> part = times(stages, new Segment(i, 3));
            // Each segment has a third of the iterations, spread over the whole ramp (not a third of the time).
            assertThat(part.size()).isBetween(whole.size() / 3, whole.size() / 3 + 1);
            assertThat(part.getLast()).isGreaterThan(6.5);
            union.addAll(part);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(whole);
        // (10+50)/2 × 3 + 50 × 2 + (50+5)/2 × 2 = 90 + 100 + 55
        assertThat(whole).hasSize(245);
    }

    @Test
    void parsesIOverNAndRefusesWhatIsNotASegment() {
        assertThat(Segment.parse("2/3")).isEqualTo(new Segment(2, 3));
        assertThat(Segment.parse(" 0 / 1 ").isWhole()).isTrue();
        for (String bad : List.of("3/3", "0/0", "1", "", "1/2/3", "-1/2")) {
            assertThatThrownBy(() -> Segment.parse(bad))
                    .as(bad)
                    .isInstanceOf(ScenarioException.class)
                    .hasMessageContaining("0 <= i < n");
        }
    }

    private static List<Double> times(List<Stage> stages, Segment segment) {
        ArrivalSchedule schedule = new ArrivalSchedule(10, Duration.ofSeconds(1), stages);
        List<Double> owned = new ArrayList<>();
        for (long k = 0; ; k++) {
            double at = schedule.nextSeconds();
            if (at < 0) {
                return owned;
            }
            if (segment.owns(k)) {
                owned.add(at);
            }
        }
    }
}
