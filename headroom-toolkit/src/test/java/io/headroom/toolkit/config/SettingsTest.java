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
}
