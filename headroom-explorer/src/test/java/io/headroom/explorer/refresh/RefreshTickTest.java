package io.headroom.explorer.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.config.ExplorerConfig.RefreshSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The maintenance tick carries both the heartbeat (3 per lease) and the schedule check (4 per interval). */
class RefreshTickTest {
    private static RefreshSettings settings(Duration interval, Duration leaseTtl) {
        return new RefreshSettings(interval, 1, 1, 0, leaseTtl);
    }

    @Test
    void withoutAScheduleTheTickIsTheHeartbeat() {
        assertThat(RefreshService.tickPeriod(settings(Duration.ZERO, Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theShorterOfAThirdOfTheLeaseAndAQuarterOfTheIntervalWins() {
        assertThat(RefreshService.tickPeriod(settings(Duration.ofMinutes(30), Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(RefreshService.tickPeriod(settings(Duration.ofSeconds(8), Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theTickNeverGoesBelowTenMilliseconds() {
        assertThat(RefreshService.tickPeriod(settings(Duration.ofMillis(20), Duration.ofSeconds(30))))
                .isEqualTo(Duration.ofMillis(10));
    }
}
