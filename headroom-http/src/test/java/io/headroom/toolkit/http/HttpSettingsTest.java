package io.headroom.toolkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void builderStartsFromTheDefaultsOfEmptySettings() {
        assertThat(HttpSettings.builder().build()).isEqualTo(HttpSettings.from(new Settings(Map.of())));
    }

    @Test
    void builderSetsWhatItIsTold() {
        HttpSettings s = HttpSettings.builder()
                .brotliQuality(4)
                .idleTimeout(Duration.ofSeconds(30))
                .build();
        assertThat(s.brotliQuality()).isEqualTo(4);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.gzipLevel()).isEqualTo(HttpSettings.defaults().gzipLevel());
    }

    @Test
    void builderMisuseNamesTheComponent() {
        assertThatThrownBy(() -> HttpSettings.builder().brotliQuality(12).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("brotliQuality=12 is not valid: expected a whole number from 0 to 11");
        assertThatThrownBy(() -> HttpSettings.builder().gzipLevel(0).build()).hasMessageStartingWith("gzipLevel=0 ");
        assertThatThrownBy(
                        () -> HttpSettings.builder().maxRequestLineBytes(1024).build())
                .hasMessageStartingWith("maxRequestLineBytes=1024 ");
        assertThatThrownBy(
                        () -> HttpSettings.builder().idleTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("idleTimeout=PT0S ");
        assertThatThrownBy(() -> HttpSettings.builder().publicMaxAge(null).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("publicMaxAge is not set");
    }

    @Test
    void settingsErrorsStillNameTheVariable() {
        assertThatThrownBy(() -> HttpSettings.from(new Settings(Map.of("HTTP_BROTLI_QUALITY", "12"))))
                .hasMessage("HTTP_BROTLI_QUALITY='12' is not valid: expected a whole number from 0 to 11");
        assertThatThrownBy(() -> HttpSettings.from(new Settings(Map.of("HTTP_IDLE_TIMEOUT", "off"))))
                .hasMessageStartingWith("HTTP_IDLE_TIMEOUT=off is not accepted");
    }
}
