package io.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerThresholdTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheDocumentedExamples() {
        ServerThreshold wait = ServerThreshold.parse("server.pool.wait.p95<5");
        assertThat(wait.metric()).isEqualTo(ServerThreshold.Metric.POOL_WAIT);
        assertThat(wait.aggregation()).isEqualTo(ServerThreshold.Aggregation.PERCENTILE);
        assertThat(wait.percentile()).isEqualTo(95);
        assertThat(wait.limit()).isEqualTo(5);

        ServerThreshold hit = ServerThreshold.parse("server.cache.hitRate>0.9");
        assertThat(hit.metric()).isEqualTo(ServerThreshold.Metric.CACHE_HIT_RATE);
        assertThat(hit.aggregation()).isEqualTo(ServerThreshold.Aggregation.MEAN);
        assertThat(hit.holds(0.95)).isTrue();
        assertThat(hit.holds(0.9)).isFalse();

        ServerThreshold gc = ServerThreshold.parse("server.gc.pause.max<200");
        assertThat(gc.metric()).isEqualTo(ServerThreshold.Metric.GC_PAUSE);
        assertThat(gc.aggregation()).isEqualTo(ServerThreshold.Aggregation.MAX);

        assertThat(ServerThreshold.parse("server.cpu<0.8").metric()).isEqualTo(ServerThreshold.Metric.CPU);
        assertThat(ServerThreshold.parse("server.cpu<80%").limit()).isEqualTo(0.8);

        ServerThreshold route = ServerThreshold.parse("server.route['/api/v1/datasets'].p99<50");
        assertThat(route.metric()).isEqualTo(ServerThreshold.Metric.ROUTE_LATENCY);
        assertThat(route.route()).isEqualTo("/api/v1/datasets");
        assertThat(route.percentile()).isEqualTo(99);
        assertThat(route.limit()).isEqualTo(50);

        ServerThreshold errors = ServerThreshold.parse("server.route['GET /api/v1/datasets/{id}'].errors<1%");
        assertThat(errors.metric()).isEqualTo(ServerThreshold.Metric.ROUTE_ERRORS);
        assertThat(errors.route()).isEqualTo("GET /api/v1/datasets/{id}");
        assertThat(errors.limit()).isEqualTo(0.01);
        assertThat(ServerThreshold.parse("server.route['/x'].p(99.9)<1s").limit())
                .isEqualTo(1000);
    }

    @Test
    void anUnknownNameIsAClearErrorListingTheValidOnes() {
        assertThatThrownBy(() -> ServerThreshold.parse("server.pool.wiat.p95<5"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("unknown metric 'server.pool.wiat'")
                .hasMessageContaining("server.pool.wait")
                .hasMessageContaining("server.cache.hitRate")
                .hasMessageContaining("server.gc.pause")
                .hasMessageContaining("server.route['TEMPLATE']");
        assertThatThrownBy(() -> ServerThreshold.parse("server.cpu.errors<1"))
                .hasMessageContaining("unknown metric 'server.cpu.errors'");
        assertThatThrownBy(() -> ServerThreshold.parse("server.cpu=0.8"))
                .hasMessageContaining("bad server threshold 'server.cpu=0.8'")
                .hasMessageContaining("valid metrics");
        assertThatThrownBy(() -> ServerThreshold.parse("server.cpu.p(0)<1")).hasMessageContaining("(0, 100]");
    }

    @Test
    void onlyServerNamesAreServerThresholds() {
        assertThat(ServerThreshold.isServer(" server.cpu<0.8")).isTrue();
        assertThat(ServerThreshold.isServer("p(95)<500")).isFalse();
    }

    @Test
    void aServerThresholdWithoutAMonitoredInstanceIsAUsageErrorNamingIt() {
        MonitorSpec none = MonitorSpec.NONE.withThresholds(List.of(ServerThreshold.parse("server.cpu<0.8")));
        assertThatThrownBy(none::validate)
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("server threshold 'server.cpu<0.8' needs --monitor URL");
    }

    @Test
    void aBaseUrlGetsTheStatsPathAndAStatsUrlIsKept() {
        assertThat(MonitorSpec.statsUrl("http://h:8080", "--monitor"))
                .isEqualTo(URI.create("http://h:8080/api/performance/stats"));
        assertThat(MonitorSpec.statsUrl("http://h:8080/", "--monitor"))
                .isEqualTo(URI.create("http://h:8080/api/performance/stats"));
        assertThat(MonitorSpec.statsUrl("http://h/api/performance/stats", "--monitor"))
                .isEqualTo(URI.create("http://h/api/performance/stats"));
        assertThatThrownBy(() -> MonitorSpec.statsUrl("h:8080", "--monitor"))
                .hasMessageContaining("--monitor 'h:8080'");
    }

    @Test
    void aScenarioFileDeclaresMonitoredInstancesAndServerThresholds() throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), """
                baseUrl: http://localhost:8080
                requests:
                  - path: /api/health
                executor: {type: constant-vus, vus: 1, duration: 1s}
                monitor:
                  urls: [http://a:8080, http://b:8080/api/performance/stats]
                  token: secret
                thresholds:
                  - p(95)<500
                  - server.route['/api/health'].p99<20
                """);
        Scenario s = ScenarioParser.parse(file);
        assertThat(s.monitor().statsUrls())
                .containsExactly(
                        URI.create("http://a:8080/api/performance/stats"),
                        URI.create("http://b:8080/api/performance/stats"));
        assertThat(s.monitor().token()).isEqualTo("secret");
        assertThat(s.monitor().thresholds())
                .extracting(ServerThreshold::expression)
                .containsExactly("server.route['/api/health'].p99<20");
        assertThat(s.thresholds()).extracting(t -> t.threshold().expression()).containsExactly("p(95)<500");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                baseUrl: http://localhost:8080
                requests:
                  - path: /api/health
                executor: {type: constant-vus, vus: 1, duration: 1s}
                thresholds:
                  - server.heep<1
                """);
        assertThatThrownBy(() -> ScenarioParser.parse(bad))
                .hasMessageContaining("bad.yaml:6")
                .hasMessageContaining("unknown metric 'server.heep'");

        Path labelled = Files.writeString(dir.resolve("labelled.yaml"), """
                baseUrl: http://localhost:8080
                requests:
                  - path: /api/health
                executor: {type: constant-vus, vus: 1, duration: 1s}
                thresholds:
                  - {threshold: server.cpu<0.8, abortOnFail: true}
                """);
        assertThatThrownBy(() -> ScenarioParser.parse(labelled))
                .hasMessageContaining("a server threshold is a plain list item");
    }
}
