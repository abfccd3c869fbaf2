package io.headroom.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void returnsDefaultsWhenUnsetOrBlank() {
        Settings settings = new Settings(Map.of("BLANK", "  "));
        assertThat(settings.integer("MISSING", 20, 1, 100)).isEqualTo(20);
        assertThat(settings.string("BLANK", "x")).isEqualTo("x");
        assertThat(settings.duration("MISSING", Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void parsesDurationsInEveryUnitAndOffAsZero() {
        assertThat(Settings.parseDuration("250ms")).contains(Duration.ofMillis(250));
        assertThat(Settings.parseDuration("30s")).contains(Duration.ofSeconds(30));
        assertThat(Settings.parseDuration("30m")).contains(Duration.ofMinutes(30));
        assertThat(Settings.parseDuration("2h")).contains(Duration.ofHours(2));
        assertThat(Settings.parseDuration("1d")).contains(Duration.ofDays(1));
        assertThat(Settings.parseDuration("off")).contains(Duration.ZERO);
        assertThat(Settings.parseDuration("soon")).isEmpty();
    }

    @Test
    void namesTheSettingAndTheRangeWhenOutOfRange() {
        Settings settings = new Settings(Map.of("DB_POOL_MAX", "0", "PORT", "eighty", "FLAG", "maybe"));
        assertThatThrownBy(() -> settings.integer("DB_POOL_MAX", 20, 1, 500))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DB_POOL_MAX='0'")
                .hasMessageContaining("from 1 to 500");
        assertThatThrownBy(() -> settings.integer("PORT", 8080, 0, 65535)).hasMessageContaining("PORT='eighty'");
        assertThatThrownBy(() -> settings.bool("FLAG", false)).hasMessageContaining("true or false");
    }

    @Test
    void aRecordingInstanceListsEveryReadOnceInOrderWithItsDefaultAsWritten() {
        Settings s = Settings.recording();
        s.integer("PORT", 8080, 0, 65535);
        s.duration("INTERVAL", Duration.ofMinutes(30));
        s.duration("TIMEOUT", Duration.ofMillis(250));
        s.duration("SCHEDULE", Duration.ZERO);
        s.bool("ENABLED", true);
        s.optional("TOKEN");
        s.string("DIR", "/abs/data/lake", "$DATA/lake");
        s.string("LIST", "");
        s.integer("PORT", 1, 0, 2); // a second read is not a second setting
        assertThat(s.reads())
                .containsExactly(
                        new Settings.Read("PORT", "8080"),
                        new Settings.Read("INTERVAL", "30m"),
                        new Settings.Read("TIMEOUT", "250ms"),
                        new Settings.Read("SCHEDULE", "off"),
                        new Settings.Read("ENABLED", "true"),
                        new Settings.Read("TOKEN", "none"),
                        new Settings.Read("DIR", "$DATA/lake"),
                        new Settings.Read("LIST", "none"));
        assertThat(new Settings(Map.of()).reads())
                .as("an ordinary instance records nothing")
                .isEmpty();
    }

    @Test
    void formattedDurationsParseBackToTheSameDuration() {
        for (Duration d :
                new Duration[] {Duration.ofDays(2), Duration.ofHours(3), Duration.ofSeconds(90), Duration.ofMillis(1500)
                }) {
            assertThat(Settings.parseDuration(Settings.formatDuration(d))).contains(d);
        }
    }
}
