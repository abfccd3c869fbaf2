package io.headroom.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsPollerTest {

    private static ServerPoint second(long requests, double interval) {
        return new ServerPoint(0, 1, 0, interval, requests, Map.of("GET /a", new ServerPoint.RoutePoint(requests, 0,
                1, 1, 1)), 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0);
    }

    @Test
    void asksForTwiceTheLastSecondsRequestsFromTheRingWithinItsBounds() {
        assertThat(StatsPoller.recentToAsk(List.of())).as("no rate known yet").isEqualTo(StatsPoller.MAX_RECENT);
        assertThat(StatsPoller.recentToAsk(List.of(second(200, 1.0)))).isEqualTo(400);
        assertThat(StatsPoller.recentToAsk(List.of(second(100, 0.5)))).as("a rate, not a count").isEqualTo(400);
        assertThat(StatsPoller.recentToAsk(List.of(second(3, 1.0)))).isEqualTo(50);
        assertThat(StatsPoller.recentToAsk(List.of(second(5000, 1.0)))).isEqualTo(StatsPoller.MAX_RECENT);
    }
}
