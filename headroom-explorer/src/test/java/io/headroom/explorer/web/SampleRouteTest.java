package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.toolkit.helidon.ProblemHandlers;
import io.headroom.toolkit.http.Json;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleRouteTest {
    @TempDir
    static Path lake;

    static WebServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        StringBuilder csv = new StringBuilder("station,reading\n");
        for (int i = 0; i < 50; i++) {
            csv.append("S").append(i).append(',').append(i).append(".5\n");
        }
        Files.writeString(lake.resolve("air.csv"), csv);
        Files.writeString(lake.resolve("broken.json"), "[{\"a\": 1}, {\"a\": ");
        Files.writeString(lake.resolve("data.avro"), "Obj");
        Map<Long, SampleHandler.Location> catalog = Map.of(
                1L, new SampleHandler.Location("air.csv", DatasetFormat.CSV),
                2L, new SampleHandler.Location("data.avro", DatasetFormat.AVRO),
                3L, new SampleHandler.Location("gone.csv", DatasetFormat.CSV),
                4L, new SampleHandler.Location("broken.json", DatasetFormat.JSON));
        SampleHandler handler = new SampleHandler(
                id -> Optional.ofNullable(catalog.get(id)), new SampleReader(new LocalObjectStore(lake)));
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> {
                    ProblemHandlers.register(routing);
                    routing.get("/api/v1/datasets/{id}/sample", handler::handle);
                    ProblemHandlers.registerNotFoundFallback(routing);
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void returnsTwentyRowsByDefault() throws Exception {
        HttpResponse<String> response = get("/api/v1/datasets/1/sample");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.get("rows")).hasSize(20);
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("columns").get(1).get("type").asText()).isEqualTo("float");
        assertThat(body.get("rows").get(3).get(0).asText()).isEqualTo("S3");
        assertThat(body.get("rows").get(3).get(1).asDouble()).isEqualTo(3.5);
    }

    @Test
    void returnsTheRowsAsked() throws Exception {
        JsonNode body =
                Json.mapper().readTree(get("/api/v1/datasets/1/sample?rows=50").body());
        assertThat(body.get("rows")).hasSize(50);
        assertThat(body.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void badRowsIsA400NamingRows() throws Exception {
        for (String rows : new String[] {"0", "1001", "abc", "-1", ""}) {
            HttpResponse<String> response = get("/api/v1/datasets/1/sample?rows=" + rows);
            assertThat(response.statusCode()).as("rows=%s", rows).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(Json.mapper()
                            .readTree(response.body())
                            .get("errors")
                            .get(0)
                            .get("name")
                            .asText())
                    .isEqualTo("rows");
        }
    }

    @Test
    void badIdIsA400NamingId() throws Exception {
        HttpResponse<String> response = get("/api/v1/datasets/abc/sample");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"name\":\"id\"");
    }

    @Test
    void unknownDatasetIs404() throws Exception {
        assertThat(get("/api/v1/datasets/99/sample").statusCode()).isEqualTo(404);
    }

    @Test
    void aCataloguedFileThatVanishedIs404() throws Exception {
        HttpResponse<String> response = get("/api/v1/datasets/3/sample");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no longer in the lake");
    }

    @Test
    void unsupportedFormatsAndUnreadableFilesAre422() throws Exception {
        HttpResponse<String> avro = get("/api/v1/datasets/2/sample");
        assertThat(avro.statusCode()).isEqualTo(422);
        assertThat(avro.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(avro.body()).contains("avro");
        assertThat(get("/api/v1/datasets/4/sample").statusCode()).isEqualTo(422);
    }
}
