package io.headroom.toolkit.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests checked against Cloudflare's documented purge-by-URL call (see {@link CloudflarePurger}). */
class CloudflarePurgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RecordingServer api;
    private CloudflarePurger purger;

    @BeforeEach
    void start() throws Exception {
        api = new RecordingServer();
        api.answer(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"9a7806061c88ada191ed06f989cc3dac\"}}");
        purger = new CloudflarePurger(
                api.base("/client/v4"),
                "023e105f4ecef8ad9ca31a8372d0c353",
                "cf-token",
                URI.create("https://lake.example.com/"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void postsTheAbsoluteUrlsAsFilesToTheZonesPurgeCacheWithABearerToken() throws Exception {
        purger.purge(List.of("/api/v1/stats", "/api/v1/datasets?limit=20&sort=-size", "/api/v1/stats"));

        assertThat(api.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache");
            assertThat(r.header("Authorization")).isEqualTo("Bearer cf-token");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
        });
        JsonNode body = JSON.readTree(api.requests.getFirst().body());
        assertThat(body.size()).as("only 'files' in the body").isEqualTo(1);
        assertThat(body.path("files"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "https://lake.example.com/api/v1/stats",
                        "https://lake.example.com/api/v1/datasets?limit=20&sort=-size");
    }

    @Test
    void moreThanThirtyUrlsGoInBatchesOfThirty() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= 65; i++) {
            paths.add("/api/v1/datasets/" + i);
        }
        purger.purge(paths);

        assertThat(api.requests).hasSize(3);
        List<Integer> sizes = new ArrayList<>();
        for (RecordingServer.Request r : api.requests) {
            sizes.add(JSON.readTree(r.body()).path("files").size());
        }
        assertThat(sizes).containsExactly(30, 30, 5);
    }

    @Test
    void aRefusalCarriesCloudflaresErrors() {
        api.answer(403, "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}");

        assertThatThrownBy(() -> purger.purge(List.of("/api/v1/stats")))
                .isInstanceOf(CdnPurgeException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("10000 Authentication error");
    }

    @Test
    void aSuccessStatusWithSuccessFalseIsAFailureToo() {
        api.answer(200, "{\"success\":false,\"errors\":[{\"code\":1234,\"message\":\"Invalid url\"}]}");

        assertThatThrownBy(() -> purger.purge(List.of("/x")))
                .isInstanceOf(CdnPurgeException.class)
                .hasMessageContaining("1234 Invalid url");
    }
}
