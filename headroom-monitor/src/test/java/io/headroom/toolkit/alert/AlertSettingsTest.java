package io.headroom.toolkit.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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

    @Test
    void builderStartsFromTheDefaultsOfEmptySettings() {
        assertThat(AlertSettings.builder().build()).isEqualTo(AlertSettings.from(new Settings(Map.of())));
        assertThat(AlertSettings.defaults()).isEqualTo(AlertSettings.from(new Settings(Map.of())));
    }

    @Test
    void builderSetsWhatItIsTold() {
        AlertSettings s = AlertSettings.builder()
                .heapWarning(70)
                .routeBudgetsMs(Map.of("/api/items/{id}", 300.0))
                .webhooks(List.of(URI.create("https://hooks.example/alert")))
                .build();
        assertThat(s.heapWarning()).isEqualTo(70);
        assertThat(s.routeBudgetsMs()).containsEntry("/api/items/{id}", 300.0);
        assertThat(s.webhooks()).containsExactly(URI.create("https://hooks.example/alert"));
    }

    @Test
    void builderMisuseNamesTheComponent() {
        assertThatThrownBy(() -> AlertSettings.builder().cpuWarning(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("cpuWarning=0 is not valid: expected a whole number from 1 to 100");
        assertThatThrownBy(() ->
                        AlertSettings.builder().cpuWarning(90).cpuCritical(85).build())
                .hasMessage("cpuCritical=85 is not valid: expected cpuWarning (90) to 100");
        assertThatThrownBy(() -> AlertSettings.builder().errorRateCritical(0.01).build())
                .hasMessageStartingWith("errorRateCritical=0.01 ");
        assertThatThrownBy(() ->
                        AlertSettings.builder().degradationRatio(Double.NaN).build())
                .hasMessageStartingWith("degradationRatio=NaN ");
        assertThatThrownBy(() -> AlertSettings.builder().leakSamples(2).build())
                .hasMessageStartingWith("leakSamples=2 ");
        assertThatThrownBy(() -> AlertSettings.builder()
                        .webhooks(List.of(URI.create("ftp://x")))
                        .build())
                .hasMessage("webhooks entry 'ftp://x' is not valid: expected an http(s) URL");
        assertThatThrownBy(() ->
                        AlertSettings.builder().webhookTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("webhookTimeout=PT0S ");
        assertThatThrownBy(() -> AlertSettings.builder().routeBudgetsMs(null).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routeBudgetsMs is not set");
    }
}
