package io.headroom.toolkit.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    @Test
    void defaultsFollowTheRequirements() {
        AlertSettings s = AlertSettings.from(new Settings(Map.of()));
        assertThat(s.cpuWarning()).isEqualTo(80);
        assertThat(s.heapWarning()).isEqualTo(85);
        assertThat(s.diskWarning()).isEqualTo(90);
        assertThat(s.poolWarning()).isEqualTo(80);
        assertThat(s.degradationRatio()).isEqualTo(1.5);
        assertThat(s.degradationMinMs()).isEqualTo(50);
        assertThat(s.webhooks()).isEmpty();
        assertThat(s.retention()).hasHours(24);
    }

    @Test
    void criticalBelowWarningIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> AlertSettings.from(
                        new Settings(Map.of("HEADROOM_ALERT_CPU_WARNING", "90", "HEADROOM_ALERT_CPU_CRITICAL", "85"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_ALERT_CPU_CRITICAL");
    }

    @Test
    void negativeDegradationMinimumIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_DEGRADATION_MIN_MS", "-5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_ALERT_DEGRADATION_MIN_MS");
    }

    @Test
    void webhookMustBeAnHttpUrl() {
        assertThatThrownBy(() -> AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_WEBHOOKS", "ftp://x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_ALERT_WEBHOOKS");
    }

    @Test
    void routeBudgetsParseTemplatesWithBraces() {
        AlertSettings s = AlertSettings.from(
                new Settings(Map.of("HEADROOM_ALERT_ROUTE_BUDGETS", "/api/v1/datasets/{id}=300, /api/v1/search=800")));
        assertThat(s.routeBudgetsMs())
                .containsEntry("/api/v1/datasets/{id}", 300.0)
                .containsEntry("/api/v1/search", 800.0);
        assertThatThrownBy(() -> AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_ROUTE_BUDGETS", "/x=fast"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/x=fast");
    }
}
