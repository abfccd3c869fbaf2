package io.headroom.toolkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

    @Test
    void builderStartsFromTheDefaultsOfEmptySettings() {
        assertThat(CacheSettings.builder().build()).isEqualTo(CacheSettings.from(new Settings(Map.of())));
    }

    @Test
    void builderSetsWhatItIsTold() {
        CacheSettings s = CacheSettings.builder()
                .redisUrl("redis://127.0.0.1:6379")
                .maxEntries(10)
                .build();
        assertThat(s.redisUrl()).hasValue("redis://127.0.0.1:6379");
        assertThat(s.maxEntries()).isEqualTo(10);
    }

    @Test
    void builderMisuseNamesTheComponent() {
        assertThatThrownBy(() -> CacheSettings.builder().maxBytes(1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("maxBytes=1 is not valid");
        assertThatThrownBy(() -> CacheSettings.builder().maxEntries(0).build()).hasMessageStartingWith("maxEntries=0 ");
        assertThatThrownBy(() -> CacheSettings.builder().redisUrl("http://x").build())
                .hasMessageStartingWith("redisUrl='http://x'");
        assertThatThrownBy(() -> CacheSettings.builder()
                        .redisTimeout(Duration.ofMillis(1))
                        .build())
                .hasMessageStartingWith("redisTimeout=");
        assertThatThrownBy(() -> CacheSettings.builder()
                        .warmInterval(Duration.ofSeconds(-1))
                        .build())
                .hasMessageStartingWith("warmInterval=");
        assertThatThrownBy(() -> CacheSettings.builder().syncInterval(null).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("syncInterval is not set");
    }
}
