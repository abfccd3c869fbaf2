package io.headroom.explorer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.download.AccelRedirect;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeSettingsTest {
    @Test
    void downloadsAreStreamedByTheServiceUnlessAnNginxLocationIsNamed() {
        assertThat(ExplorerConfig.from(new Settings(Map.of())).lake().accelRedirect())
                .isEmpty();
        assertThat(ExplorerConfig.from(new Settings(Map.of("HEADROOM_DOWNLOAD_ACCEL_PREFIX", "/_lake/")))
                        .lake()
                        .accelRedirect())
                .contains(new AccelRedirect("/_lake/"));
    }

    @Test
    void aPrefixThatIsNotAPathOrAnS3LakeIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"_lake/", "/_lake", "/", "/la ke/", "/lake?x/"}) {
            assertThatThrownBy(() -> ExplorerConfig.from(new Settings(Map.of("HEADROOM_DOWNLOAD_ACCEL_PREFIX", bad))))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("HEADROOM_DOWNLOAD_ACCEL_PREFIX=" + bad);
        }
        assertThatThrownBy(() -> ExplorerConfig.from(
                        new Settings(Map.of("HEADROOM_DOWNLOAD_ACCEL_PREFIX", "/_lake/", "S3_BUCKET", "lake"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_DOWNLOAD_ACCEL_PREFIX")
                .hasMessageContaining("S3_BUCKET");
    }
}
