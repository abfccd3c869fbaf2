package io.headroom.explorer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshSettingsTest {
    @Test
    void theLeaseLastsThirtySecondsUnlessSet() {
        assertThat(ExplorerConfig.from(new Settings(Map.of())).refresh().leaseTtl())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ExplorerConfig.from(new Settings(Map.of("HEADROOM_REFRESH_LEASE_TTL", "2m")))
                        .refresh()
                        .leaseTtl())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aLeaseShorterThanASecondOrOffIsRefusedNamingTheVariable() {
        for (String value : new String[] {"500ms", "off", "0"}) {
            assertThatThrownBy(() -> ExplorerConfig.from(new Settings(Map.of("HEADROOM_REFRESH_LEASE_TTL", value))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("HEADROOM_REFRESH_LEASE_TTL")
                    .hasMessageContaining("at least 1s");
        }
    }
}
