package io.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeederTest {

    private static final List<Map<String, String>> ROWS =
            List.of(Map.of("id", "1"), Map.of("id", "2"), Map.of("id", "3"));

    @Test
    void sequentialHandsOutEachRowOnceThenNothing() {
        Feeder f = new Feeder("ids", Feeder.Mode.SEQUENTIAL, List.of("id"), ROWS);
        assertThat(List.of(f.nextRow(), f.nextRow(), f.nextRow())).isEqualTo(ROWS);
        assertThat(f.nextRow()).isNull();
    }

    @Test
    void circularWrapsAround() {
        Feeder f = new Feeder("ids", Feeder.Mode.CIRCULAR, List.of("id"), ROWS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(f.nextRow().get("id"));
        }
        assertThat(ids).containsExactly("1", "2", "3", "1", "2");
    }

    @Test
    void randomOnlyReturnsRowsOfTheFileAndReachesAllOfThem() {
        Feeder f = new Feeder("ids", Feeder.Mode.RANDOM, List.of("id"), ROWS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(f.nextRow().get("id"));
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void templatesFillColumnsFromTheRow() {
        assertThat(Template.of("/api/datasets/${id}?q=${ name }").render(Map.of("id", "7", "name", "x")))
                .isEqualTo("/api/datasets/7?q=x");
        assertThat(Template.of("/plain").isConstant()).isTrue();
    }
}
