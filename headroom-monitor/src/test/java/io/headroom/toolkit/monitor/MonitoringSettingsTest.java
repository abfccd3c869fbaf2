package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.alert.AlertSettings;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheIssue() {
        MonitoringSettings s = MonitoringSettings.defaults();
        assertThat(s.enabled()).isTrue();
        assertThat(s.slowRequest()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.slowQueryWarning()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.slowQueryError()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.resourceSampleInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.resourceHistorySamples()).isEqualTo(720);
        assertThat(s.querySummaryInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.allocationSampling()).isTrue();
        assertThat(s.allocationSampleRate()).isEqualTo(1000);
    }

    @Test
    void allocationSampleRateOutOfRangeNamesTheVariable() {
        assertThatThrownBy(() -> MonitoringSettings.from(new Settings(Map.of("HEADROOM_ALLOCATION_SAMPLE_RATE", "5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_ALLOCATION_SAMPLE_RATE");
        assertThat(MonitoringSettings.from(new Settings(Map.of("HEADROOM_ALLOCATION_SAMPLING", "off")))
                        .allocationSampling())
                .isFalse();
    }

    @Test
    void slowQueryErrorBelowWarningIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> MonitoringSettings.from(
                        new Settings(Map.of("HEADROOM_SLOW_QUERY_WARNING", "2s", "HEADROOM_SLOW_QUERY_ERROR", "1s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_SLOW_QUERY_ERROR");
    }

    @Test
    void badDurationNamesTheVariable() {
        assertThatThrownBy(() -> MonitoringSettings.from(new Settings(Map.of("HEADROOM_SLOW_REQUEST", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_SLOW_REQUEST");
    }

    @Test
    void alertsFileIsReadUnderTheEnvironment() throws IOException {
        Path file = dir.resolve("alerts.properties");
        Files.writeString(file, "HEADROOM_ALERT_CPU_WARNING=70\nHEADROOM_ALERT_HEAP_WARNING=60\n");
        MonitoringSettings s = MonitoringSettings.from(
                new Settings(Map.of("HEADROOM_ALERTS_FILE", file.toString(), "HEADROOM_ALERT_HEAP_WARNING", "75")));
        assertThat(s.alerts().cpuWarning()).isEqualTo(70);
        assertThat(s.alerts().heapWarning())
                .as("the environment wins over the file")
                .isEqualTo(75);
    }

    @Test
    void missingAlertsFileIsAConfigError() {
        assertThatThrownBy(() -> MonitoringSettings.from(new Settings(
                        Map.of("HEADROOM_ALERTS_FILE", dir.resolve("nope").toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_ALERTS_FILE");
    }

    @Test
    void builderStartsFromTheDefaultsOfEmptySettings() {
        assertThat(MonitoringSettings.builder().build()).isEqualTo(MonitoringSettings.from(new Settings(Map.of())));
    }

    @Test
    void builderSetsWhatItIsTold() {
        MonitoringSettings s = MonitoringSettings.builder()
                .slowRequest(Duration.ofMillis(750))
                .allocationSampling(false)
                .alerts(AlertSettings.builder().minRequests(3).build())
                .build();
        assertThat(s.slowRequest()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.allocationSampling()).isFalse();
        assertThat(s.alerts().minRequests()).isEqualTo(3);
    }

    @Test
    void builderMisuseNamesTheComponent() {
        assertThatThrownBy(() -> MonitoringSettings.builder()
                        .slowQueryWarning(Duration.ofSeconds(2))
                        .slowQueryError(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("slowQueryError='PT1S' is not valid: expected at least slowQueryWarning (PT2S)");
        assertThatThrownBy(() -> MonitoringSettings.builder()
                        .resourceSampleInterval(Duration.ofMillis(500))
                        .build())
                .hasMessageStartingWith("resourceSampleInterval='PT0.5S' ");
        assertThatThrownBy(() -> MonitoringSettings.builder()
                        .resourceHistory(Duration.ofSeconds(1))
                        .build())
                .hasMessageStartingWith("resourceHistory='PT1S' ");
        assertThatThrownBy(() ->
                        MonitoringSettings.builder().allocationSampleRate(5).build())
                .hasMessageStartingWith("allocationSampleRate=5 ");
        assertThatThrownBy(() -> MonitoringSettings.builder()
                        .slowRequest(Duration.ofSeconds(-1))
                        .build())
                .hasMessageStartingWith("slowRequest=PT-1S ");
        assertThatThrownBy(() -> MonitoringSettings.builder().alerts(null).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alerts is not set");
    }

    @Test
    void aRuleBetweenSettingsNamesBothVariables() {
        assertThatThrownBy(() -> MonitoringSettings.from(
                        new Settings(Map.of("HEADROOM_SLOW_QUERY_WARNING", "2s", "HEADROOM_SLOW_QUERY_ERROR", "1s"))))
                .hasMessage(
                        "HEADROOM_SLOW_QUERY_ERROR='PT1S' is not valid: expected at least HEADROOM_SLOW_QUERY_WARNING"
                                + " (PT2S)");
    }
}
