package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.monitor.MonitoringSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolkitSettingsTest {

    @Test
    void valuesReachTheToolkitsSettings() {
        HeadroomProperties p = new HeadroomProperties();
        p.getMonitoring().setSlowRequest(Duration.ofMillis(750));
        p.getQueries().setSlowWarning(Duration.ofMillis(200));
        p.getAlerts().setMinRequests(3);
        p.getAlerts().getRouteBudgetsMs().put("/api/items/{id}", 300);
        p.getAlerts().setWebhooks(List.of(URI.create("http://127.0.0.1:9/hook")));

        MonitoringSettings s = ToolkitSettings.monitoring(p);

        assertThat(s.slowRequest()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.slowQueryWarning()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.slowQueryError()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.alerts().minRequests()).isEqualTo(3);
        assertThat(s.alerts().routeBudgetsMs()).containsEntry("/api/items/{id}", 300.0);
        assertThat(s.alerts().webhooks()).containsExactly(URI.create("http://127.0.0.1:9/hook"));
        assertThat(s.allocationSampling())
                .as("JFR sampling is opt-in for a library user")
                .isFalse();
    }

    @Test
    void aRuleBetweenTwoSettingsNamesBothSpringKeys() {
        HeadroomProperties p = new HeadroomProperties();
        p.getQueries().setSlowWarning(Duration.ofSeconds(2));
        p.getQueries().setSlowError(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ToolkitSettings.monitoring(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "headroom.queries.slow-error='PT1S' is not valid: expected at least headroom.queries.slow-warning (PT2S)");
    }

    @Test
    void aValueOutOfRangeNamesItsSpringKey() {
        HeadroomProperties p = new HeadroomProperties();
        p.getAlerts().setHeapWarning(0);

        assertThatThrownBy(() -> ToolkitSettings.monitoring(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage("headroom.alerts.heap-warning='0' is not valid: expected a whole number from 1 to 100");
    }

    @Test
    void theResponseCachesValuesReachTheCacheSettings() {
        HeadroomProperties p = new HeadroomProperties();
        p.getResponseCache().setRedisUrl("redis://cache.internal:6379");
        p.getResponseCache().setKeyPrefix("shop:");

        CacheSettings s = ToolkitSettings.cache(p);

        assertThat(s.redisUrl()).hasValue("redis://cache.internal:6379");
        assertThat(s.keyPrefix()).isEqualTo("shop:");
        assertThat(s.maxBytes()).as("the starter's default").isEqualTo(64L * 1024 * 1024);
        assertThat(s.maxEntries()).isEqualTo(10_000);
    }

    @Test
    void aBadRedisUrlNamesItsSpringKey() {
        HeadroomProperties p = new HeadroomProperties();
        p.getResponseCache().setRedisUrl("cache.internal:6379");

        assertThatThrownBy(() -> ToolkitSettings.cache(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage("headroom.response-cache.redis-url='cache.internal:6379' is not valid:"
                        + " expected redis://host:port or rediss://host:port");
    }

    @Test
    void aTooSmallCacheNamesItsSpringKey() {
        HeadroomProperties p = new HeadroomProperties();
        p.getResponseCache().setMaxBytes(1024);

        assertThatThrownBy(() -> ToolkitSettings.cache(p))
                .hasMessageStartingWith("headroom.response-cache.max-bytes='1024' is not valid")
                .hasMessageNotContaining("CACHE_");
    }

    @Test
    void aTooShortSampleIntervalNamesItsSpringKey() {
        HeadroomProperties p = new HeadroomProperties();
        p.getMonitoring().setResourceSampleInterval(Duration.ofMillis(500));

        assertThatThrownBy(() -> ToolkitSettings.monitoring(p))
                .hasMessageStartingWith("headroom.monitoring.resource-sample-interval=")
                .hasMessageNotContaining("HEADROOM_");
    }
}
