package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.HttpSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What {@link HeadroomBuilder#build()} registers, in which order, and how it refuses misuse. */
class HeadroomBuilderTest {

    @Test
    void partsAreRegisteredHighestWeightFirstWithAddedPartsBetweenTheBuiltInOnes() {
        try (Headroom headroom = Headroom.builder()
                .addPart(HeadroomPart.of("rate-limit", 960, routing -> {}))
                .addPart(HeadroomPart.of("late", 50, routing -> {}))
                .build()) {
            assertThat(headroom.parts())
                    .containsExactly(
                            "request-monitoring@1000.0",
                            "problem-details@990.0",
                            "rate-limit@960.0",
                            "connection-deadlines@950.0",
                            "security-headers@900.0",
                            "http-guards@850.0",
                            "endpoints@100.0",
                            "late@50.0");
            assertThat(headroom.endpoints())
                    .extracting(Headroom.Endpoint::path)
                    .containsExactly("/api/performance/stats", "/api/performance/stats", "/metrics", "/metrics");
        }
    }

    @Test
    void switchesThatAreOffRegisterNothing() {
        try (Headroom headroom = Headroom.builder()
                .requestMonitoring(false)
                .problemDetails(false)
                .securityHeaders(false)
                .http(false)
                .statsPath(null)
                .metricsPath(null)
                .build()) {
            assertThat(headroom.parts()).isEmpty();
            assertThat(headroom.endpoints()).isEmpty();
            assertThat(headroom.responses()).isEmpty();
        }
    }

    @Test
    void aCacheTurnsTheResponseCacheOnAndReportsIntoTheStatsDocument() {
        try (Headroom headroom =
                Headroom.builder().cache(CacheSettings.defaults()).build()) {
            assertThat(headroom.responses()).isPresent();
            headroom.cachedJson("items", Duration.ofMinutes(1), req -> Map.of());
            assertThat(headroom.monitoring().stats(0, 0).cache().toString()).contains("items");
        }
    }

    @Test
    void misuseFailsAtBuildNamingTheSetting() {
        assertRefused(
                b -> b.metricsPath("metrics"), "metricsPath 'metrics' is not valid: expected a path starting with '/'");
        assertRefused(b -> b.alertsPaths("/metrics"), "alertsPaths '/metrics' is also another endpoint's path");
        assertRefused(b -> b.weight(Double.NaN), "weight=NaN is not valid");
        assertRefused(b -> b.registry(new SimpleMeterRegistry()), "metricsPath '/metrics' needs a Prometheus registry");
        assertRefused(
                b -> b.allocationSampling(true).requestMonitoring(false),
                "allocationSampling(true) needs requestMonitoring on");
        assertRefused(b -> b.notFoundFallback(true).problemDetails(false), "notFoundFallback needs problemDetails on");
        assertRefused(
                b -> b.cache(CacheSettings.from(new Settings(Map.of("REDIS_URL", "redis://localhost:6379")))),
                "cache(CacheSettings) has a redisUrl");
        assertRefused(
                b -> b.addPart(HeadroomPart.of("x", 1, r -> {})).addPart(HeadroomPart.of("x", 2, r -> {})),
                "addPart 'x' is added twice");
    }

    @Test
    void aBuilderBuildsOnce() {
        HeadroomBuilder builder = Headroom.builder();
        builder.build().close();
        assertThatThrownBy(builder::build).hasMessageContaining("build() was already called");
    }

    @Test
    void theHostsRegistryIsUsedAndKeptOpen() {
        PrometheusMeterRegistry host = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Headroom headroom = Headroom.builder().registry(host).build()) {
            assertThat(headroom.monitoring().registry()).isSameAs(host);
            assertThat(headroom.monitoring().prometheus()).contains(host);
        }
        assertThat(host.isClosed()).isFalse();
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        try (Headroom headroom =
                Headroom.builder().registry(simple).metricsPath(null).build()) {
            assertThat(headroom.monitoring().prometheus()).isEmpty();
            assertThat(simple.find("hikaricp.connections").meters()).isEmpty(); // no pool: nothing bound for it
        }
    }

    @Test
    void settingsErrorsNameTheKeyTheHostUses() {
        Map<String, String> env = Map.of("MYAPP_HTTP_MAX_BODY_BYTES", "lots");
        assertThatThrownBy(() -> HttpSettings.from(
                        Settings.of(key -> Optional.ofNullable(env.get(key)), Settings.Naming.prefixed("MYAPP_"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("MYAPP_HTTP_MAX_BODY_BYTES='lots'");
        Config config = Config.just(ConfigSources.create(
                Map.of("app.headroom.http-max-body-bytes", "lots", "app.headroom.slow-request", "3s")));
        Settings helidon = HelidonSettings.from(config.get("app.headroom"));
        assertThatThrownBy(() -> HttpSettings.from(helidon))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("app.headroom.http-max-body-bytes='lots'");
        assertThat(helidon.duration("HEADROOM_SLOW_REQUEST", Duration.ZERO)).hasSeconds(3);
        assertThatThrownBy(() -> CacheSettings.from(new Settings(Map.of("REDIS_TIMEOUT", "1ms"))))
                .hasMessageStartingWith("REDIS_TIMEOUT=");
        assertThatThrownBy(() -> CacheSettings.from(Settings.of(
                        key -> Optional.of("1ms").filter(v -> key.endsWith("TIMEOUT")),
                        Settings.Naming.prefixed("APP_"))))
                .hasMessageStartingWith("APP_REDIS_TIMEOUT=");
    }

    private static void assertRefused(Consumer<HeadroomBuilder> misuse, String message) {
        HeadroomBuilder builder = Headroom.builder();
        misuse.accept(builder);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }
}
