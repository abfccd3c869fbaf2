package io.headroom.explorer.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cdn.CdnPurgeException;
import io.headroom.toolkit.cdn.CdnPurger;
import io.headroom.toolkit.cdn.NginxCachePurger;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CatalogPurgeTest {

    /** Our own interface implemented by the test: it records what the hook asks to purge. */
    private static final class RecordingPurger implements CdnPurger {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public void purge(Collection<String> paths) {
            if (fail) {
                throw new CdnPurgeException("HTTP 503");
            }
            calls.add(new ArrayList<>(paths));
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    @Test
    void catalogInvalidationsWithinOneFlushBecomeOnePurgeOfTheReadRoutes() {
        RecordingPurger purger = new RecordingPurger();
        try (CatalogCache cache = new CatalogCache(
                        CacheSettings.from(new Settings(Map.of())).open(SharedStore.none()));
                CatalogPurge purge = new CatalogPurge(purger)) {
            cache.onChange(purge);
            cache.catalogChanged();
            cache.catalogChanged();
            cache.catalogChanged();
            purge.flush();

            assertThat(purger.calls)
                    .singleElement()
                    .satisfies(paths -> assertThat(paths).containsExactlyElementsOf(CatalogPurge.CATALOG_PATHS));
            purge.flush();
            assertThat(purger.calls).as("nothing pending, nothing sent").hasSize(1);
            cache.catalogChanged();
            purge.flush();
            assertThat(purger.calls).as("a later change is purged again").hasSize(2);
        }
    }

    @Test
    void aFailedPurgeIsCountedAndDoesNotReachTheCaller() {
        RecordingPurger purger = new RecordingPurger();
        purger.fail = true;
        try (CatalogPurge purge = new CatalogPurge(purger)) {
            purge.catalogChanged();
            purge.flush();
            assertThat(purge.failures()).isEqualTo(1);
            assertThat(purge.purged()).isZero();
        }
    }

    @Test
    void settingsNameWhatIsMissing() {
        assertThat(settings(Map.of()).cdn().purger()).isEmpty();
        assertThat(settings(Map.of(
                                "HEADROOM_CDN_PURGE",
                                "nginx",
                                "HEADROOM_NGINX_CACHE_DIR",
                                "/var/cache/nginx/headroom",
                                "HEADROOM_CDN_SITE_URL",
                                "https://lake.example.com"))
                        .cdn()
                        .purger())
                .get()
                .isInstanceOf(NginxCachePurger.class);
        assertThatThrownBy(() -> settings(Map.of(
                        "HEADROOM_CDN_PURGE", "cloudflare", "HEADROOM_CDN_SITE_URL", "https://lake.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CLOUDFLARE_ZONE_ID");
        assertThatThrownBy(() -> settings(Map.of(
                        "HEADROOM_CDN_PURGE",
                        "fastly",
                        "FASTLY_API_TOKEN",
                        "t",
                        "HEADROOM_CDN_SITE_URL",
                        "lake.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_CDN_SITE_URL");
        assertThatThrownBy(() -> settings(Map.of("HEADROOM_CDN_PURGE", "akamai")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("none, cloudflare, fastly or nginx");
    }

    private static ExplorerConfig settings(Map<String, String> values) {
        return ExplorerConfig.from(new Settings(values));
    }
}
