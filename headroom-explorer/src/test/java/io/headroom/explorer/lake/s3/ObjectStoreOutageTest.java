package io.headroom.explorer.lake.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.LakeUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service while its S3 store is down (the in-process server stopped): what needs the store is a 503
 * problem with {@code Retry-After}, never a 500, and once the breaker is open the wait it names is the rest
 * of its open period; what needs only the catalog keeps answering; detailed health says which part is down.
 */
class ObjectStoreOutageTest {
    private static final String RIVERS = "station,value\nA1,1.5\nA2,2.5\n";

    @TempDir
    Path dir;

    @Test
    void requestsThatNeedTheStoreAre503sWhileItIsDownAndTheCatalogStillAnswers() {
        LakeUnderTest lake = LakeUnderTest.s3(dir.resolve("s3"), "lake", "");
        lake.put("water/rivers.csv", RIVERS.getBytes(StandardCharsets.UTF_8));
        Map<String, String> settings = new HashMap<>(lake.environment());
        settings.put("LAKE_BREAKER_OPEN_FOR", "60s");
        settings.put("S3_CONNECT_TIMEOUT", "1s");
        try (ServiceUnderTest service =
                ServiceUnderTest.overLake(DatabaseUnderTest.h2(dir), dir.resolve("data"), settings)) {
            ApiClient api = service.client();
            long id = api.get("/api/v1/datasets")
                    .json()
                    .path("items")
                    .get(0)
                    .path("id")
                    .asLong();
            String download = "/api/v1/datasets/" + id + "/download?type=full";
            assertThat(api.get(download).status()).isEqualTo(200);

            lake.close(); // S3 stops answering
            List<ApiClient.Response> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(api.get(download));
            }
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().path("detail").asText())
                        .isEqualTo("The object store is unavailable; retry shortly.");
            });
            // The first failures were tried against S3 (retry in a second); by the last the breaker is open.
            assertThat(Integer.parseInt(answers.getFirst().header("Retry-After")))
                    .isEqualTo(1);
            assertThat(Integer.parseInt(answers.getLast().header("Retry-After")))
                    .isBetween(30, 60);

            assertThat(api.get("/api/v1/datasets/" + id).status()).isEqualTo(200);
            ApiClient.Response health = api.get("/api/health/detailed", ServiceUnderTest.ADMIN_TOKEN);
            assertThat(health.status()).isEqualTo(503);
            JsonNode store = health.json().path("components").path("objectStore");
            assertThat(store.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json()
                            .path("components")
                            .path("database")
                            .path("status")
                            .asText())
                    .isEqualTo("UP");
        }
    }
}
