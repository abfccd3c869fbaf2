package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    @Test
    void builderStartsFromTheExplorersDefaults() {
        assertThat(PoolSettings.builder("p", "jdbc:h2:mem:x").build())
                .isEqualTo(new PoolSettings(
                        "p", "jdbc:h2:mem:x", Optional.empty(), Optional.empty(), 20, 5, Duration.ofSeconds(5)));
    }

    @Test
    void builderSetsWhatItIsTold() {
        PoolSettings s = PoolSettings.builder("p", "jdbc:h2:mem:x")
                .user("app")
                .maxSize(2)
                .minIdle(0)
                .build();
        assertThat(s.user()).hasValue("app");
        assertThat(s.maxSize()).isEqualTo(2);
    }

    @Test
    void builderMisuseNamesTheComponent() {
        assertThatThrownBy(() ->
                        PoolSettings.builder("p", "jdbc:h2:mem:x").maxSize(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("maxSize=0 ");
        assertThatThrownBy(() ->
                        PoolSettings.builder("p", "jdbc:h2:mem:x").minIdle(-1).build())
                .hasMessageStartingWith("minIdle=-1 ");
        assertThatThrownBy(() -> PoolSettings.builder("p", "jdbc:h2:mem:x")
                        .connectionTimeout(Duration.ofMillis(10))
                        .build())
                .hasMessageStartingWith("connectionTimeout=10ms ");
        assertThatThrownBy(() -> PoolSettings.builder("p", " ").build()).hasMessageStartingWith("jdbcUrl is blank");
        assertThatThrownBy(() -> PoolSettings.builder(null, "jdbc:h2:mem:x").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("name is not set");
    }
}
