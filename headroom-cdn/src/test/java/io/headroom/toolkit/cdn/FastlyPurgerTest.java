package io.headroom.toolkit.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests checked against Fastly's documented purge_single_url call (see {@link FastlyPurger}). */
class FastlyPurgerTest {

    private RecordingServer api;

    @BeforeEach
    void start() throws Exception {
        api = new RecordingServer();
        api.answer(200, "{\"status\":\"ok\",\"id\":\"108-1391560174-974124\"}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void postsEachUrlWithoutItsSchemeUnderPurgeWithTheFastlyKeyAndSoftPurge() {
        new FastlyPurger(api.base(""), "fastly-token", URI.create("https://lake.example.com"), true)
                .purge(List.of("/api/v1/stats", "/api/v1/datasets?folder=env"));

        assertThat(api.requests).hasSize(2);
        assertThat(api.requests)
                .extracting(RecordingServer.Request::path)
                .containsExactly(
                        "/purge/lake.example.com/api/v1/stats", "/purge/lake.example.com/api/v1/datasets?folder=env");
        assertThat(api.requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.header("Fastly-Key")).isEqualTo("fastly-token");
            assertThat(r.header("Fastly-Soft-Purge")).isEqualTo("1");
            assertThat(r.body()).isEmpty();
        });
    }

    @Test
    void aHardPurgeSendsNoSoftPurgeHeader() {
        new FastlyPurger(api.base(""), "t", URI.create("https://lake.example.com"), false).purge(List.of("/a"));

        assertThat(api.requests)
                .singleElement()
                .satisfies(r -> assertThat(r.header("Fastly-Soft-Purge")).isNull());
    }

    @Test
    void aRefusalNamesTheUrlAndStatus() {
        api.answer(401, "{\"msg\":\"Provided credentials are missing or invalid\"}");

        assertThatThrownBy(() -> new FastlyPurger(api.base(""), "bad", URI.create("https://lake.example.com"), true)
                        .purge(List.of("/api/v1/stats")))
                .isInstanceOf(CdnPurgeException.class)
                .hasMessageContaining("https://lake.example.com/api/v1/stats")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("credentials are missing");
    }
}
