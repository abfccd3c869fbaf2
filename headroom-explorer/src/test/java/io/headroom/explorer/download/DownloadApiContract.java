package io.headroom.explorer.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The download routes over the real service and real files, once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DownloadApiContract {
    /** A CSV whose second record holds a newline inside quotes: a byte or line cut would break it. */
    static final String CSV = "station,note,value\nA1,plain,1.5\nA2,\"two\nlines\",2.5\nA3,plain,3.5\nA4,plain,4.5\n";

    static final String SIDECAR = "description: Hand-written sidecar\ntags: [water]\n";

    @TempDir
    static Path tempDir;

    private ServiceUnderTest service;
    private ApiClient api;
    private long csvId;
    private long jsonlId;
    private long privateId;
    private final HttpClient http = HttpClient.newHttpClient();

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    private static DatasetMetadata dataset(String folder, String name, DatasetFormat format, long size) {
        return new DatasetMetadata(
                folder + "/" + name + "." + format.apiName(),
                name,
                folder,
                format,
                size,
                Instant.parse("2025-09-15T10:00:00Z"),
                4L,
                true,
                3,
                100.0,
                List.of(new Column("station", "string"), new Column("note", "string"), new Column("value", "float")),
                List.of("water"),
                "Rivers",
                "CC-BY-4.0");
    }

    @BeforeAll
    void start() throws IOException {
        Path lake = tempDir.resolve("lake");
        Files.createDirectories(lake.resolve("water"));
        Files.createDirectories(lake.resolve("secret"));
        Files.writeString(lake.resolve("water/rivers.csv"), CSV);
        Files.writeString(lake.resolve("water/rivers.yaml"), SIDECAR);
        String jsonl = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
        Files.writeString(lake.resolve("water/gauges.jsonl"), jsonl);
        Files.writeString(lake.resolve("secret/plans.csv"), CSV);
        List<DatasetMetadata> datasets = List.of(
                dataset("water", "rivers", DatasetFormat.CSV, CSV.length()),
                dataset("water", "gauges", DatasetFormat.JSONL, jsonl.length()),
                dataset("secret", "plans", DatasetFormat.CSV, CSV.length()));
        service = ServiceUnderTest.overCatalog(openDatabase(tempDir), tempDir, datasets);
        api = service.client();
        for (JsonNode d : api.get("/api/v1/datasets").json().path("items")) {
            switch (d.path("name").asText()) {
                case "rivers" -> csvId = d.path("id").asLong();
                case "gauges" -> jsonlId = d.path("id").asLong();
                default -> privateId = d.path("id").asLong();
            }
        }
        String admin = api.login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        assertThat(api.json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[\"secret\"]}")
                        .status())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theFullFileComesWithItsNameTypeAndValidators() throws Exception {
        HttpResponse<byte[]> full = get("/api/v1/datasets/" + csvId + "/download?type=full", Map.of());
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(new String(full.body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(full.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"rivers.csv\""));
        assertThat(full.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(full.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(full.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void rangesAnswer206AndIfRangeFallsBackToTheWholeFileWhenTheValidatorChanged() throws Exception {
        String path = "/api/v1/datasets/" + csvId + "/download?type=full";
        String etag = get(path, Map.of()).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> first = get(path, Map.of("Range", "bytes=0-6"));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(CSV.substring(0, 7));
        assertThat(first.headers().firstValue("Content-Range")).contains("bytes 0-6/" + CSV.length());
        HttpResponse<byte[]> suffix = get(path, Map.of("Range", "bytes=-5"));
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo(CSV.substring(CSV.length() - 5));
        HttpResponse<byte[]> open = get(path, Map.of("Range", "bytes=10-"));
        assertThat(new String(open.body(), StandardCharsets.UTF_8)).isEqualTo(CSV.substring(10));
        assertThat(get(path, Map.of("Range", "bytes=0-6", "If-Range", etag)).statusCode())
                .isEqualTo(206);
        HttpResponse<byte[]> changed = get(path, Map.of("Range", "bytes=0-6", "If-Range", "\"another\""));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).hasSize(CSV.length());
        HttpResponse<byte[]> past = get(path, Map.of("Range", "bytes=100000-"));
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).contains("bytes */" + CSV.length());
        for (String malformed : List.of("bytes=abc", "bytes=9-3", "bytes=1-2-3", "bytes=")) {
            HttpResponse<byte[]> bad = get(path, Map.of("Range", malformed));
            assertThat(bad.statusCode()).as(malformed).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type")).as(malformed).contains("application/problem+json");
        }
    }

    @Test
    void aSampleIsTheFirstWholeRowsInTheFilesOwnFormat() throws Exception {
        HttpResponse<byte[]> csv = get("/api/v1/datasets/" + csvId + "/download?type=sample&rows=2", Map.of());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .isEqualTo("station,note,value\nA1,plain,1.5\nA2,\"two\nlines\",2.5\n");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("rivers_sample.csv"));
        HttpResponse<byte[]> jsonl = get("/api/v1/datasets/" + jsonlId + "/download?type=sample&rows=2", Map.of());
        assertThat(new String(jsonl.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
        assertThat(jsonl.headers().firstValue("Content-Type")).contains("application/x-ndjson");
    }

    @Test
    void metadataIsTheSidecarOrGeneratedYaml() throws Exception {
        HttpResponse<byte[]> sidecar = get("/api/v1/datasets/" + csvId + "/download?type=metadata", Map.of());
        assertThat(new String(sidecar.body(), StandardCharsets.UTF_8)).isEqualTo(SIDECAR);
        assertThat(sidecar.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
        HttpResponse<byte[]> generated = get("/api/v1/datasets/" + jsonlId + "/download?type=metadata", Map.of());
        assertThat(new String(generated.body(), StandardCharsets.UTF_8))
                .contains("name: gauges")
                .contains("format: jsonl")
                .contains("license: CC-BY-4.0");
    }

    @Test
    void anInvisibleDatasetCannotBeDownloadedAndBadInputIsA400() throws Exception {
        for (String type : List.of("full", "sample", "metadata")) {
            assertThat(get("/api/v1/datasets/" + privateId + "/download?type=" + type, Map.of())
                            .statusCode())
                    .as(type)
                    .isEqualTo(404);
        }
        assertThat(get(
                                "/api/v1/datasets/" + privateId + "/download?type=full",
                                Map.of("Authorization", "Bearer " + ServiceUnderTest.ADMIN_TOKEN))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/datasets/" + csvId + "/download?type=everything", Map.of())
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/datasets/" + csvId + "/download?type=sample&rows=0", Map.of())
                        .statusCode())
                .isEqualTo(400);
        StringBuilder ids = new StringBuilder("{\"ids\":[");
        for (int i = 1; i <= 100_000; i++) {
            ids.append(i == 1 ? "" : ",").append(i);
        }
        ApiClient.Response tooMany = api.json(
                "POST",
                "/api/v1/datasets/download-stats",
                null,
                ids.append("]}").toString());
        assertThat(tooMany.status()).isIn(400, 413);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(api.json("POST", "/api/v1/datasets/download-stats", null, "{\"ids\":[\"x\"]}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anExportStreamsTheWholeVisibleListingAsNdjsonOrCsv() throws Exception {
        String ndjson = new String(
                get("/api/v1/datasets/export?format=ndjson", Map.of()).body(), StandardCharsets.UTF_8);
        assertThat(ndjson.lines().toList()).hasSize(2).allMatch(line -> line.contains("\"folder\":\"water\""));
        HttpResponse<byte[]> admin = get(
                "/api/v1/datasets/export?format=csv&sort=-size",
                Map.of("Authorization", "Bearer " + ServiceUnderTest.ADMIN_TOKEN));
        List<String> csv =
                new String(admin.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv.getFirst()).startsWith("id,name,folder,path,format");
        assertThat(csv).hasSize(4);
        assertThat(admin.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("datasets.csv"));
        assertThat(get("/api/v1/datasets/export?format=xml", Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/datasets/export?limit=5", Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/datasets/export?folder=secret", Map.of()).body())
                .isEmpty();
    }

    @Test
    void aBatchAnswersEachSubRequestAsTheCallerWouldBeAnsweredAlone() {
        String body = "{\"requests\":[{\"id\":\"hidden\",\"path\":\"/api/v1/datasets/" + privateId + "\"},"
                + "{\"id\":\"stats\",\"path\":\"/api/v1/stats\"},{\"id\":\"bad\",\"path\":\"/api/v1/datasets?limit=abc\"}]}";
        JsonNode anonymous =
                api.json("POST", "/api/v1/batch", null, body).json().path("responses");
        assertThat(anonymous.findValuesAsText("id")).containsExactly("hidden", "stats", "bad");
        assertThat(anonymous.get(0).path("status").asInt()).isEqualTo(404);
        assertThat(anonymous.get(1).path("body").path("totalDatasets").asLong()).isEqualTo(2);
        assertThat(anonymous.get(2).path("status").asInt()).isEqualTo(400);
        JsonNode admin = api.json("POST", "/api/v1/batch", ServiceUnderTest.ADMIN_TOKEN, body)
                .json()
                .path("responses");
        assertThat(admin.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(admin.get(1).path("body").path("totalDatasets").asLong()).isEqualTo(3);
        StringBuilder many = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"path\":\"/api/v1/stats\"}");
        }
        ApiClient.Response tooMany =
                api.json("POST", "/api/v1/batch", null, many.append("]}").toString());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("detail").asText()).contains("at most 20");
        assertThat(api.json(
                                "POST",
                                "/api/v1/batch",
                                null,
                                "{\"requests\":[{\"id\":\"x\",\"path\":\"https://elsewhere/\"}]}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void everyDownloadIsLoggedAndCountedWithoutBeingAsked() throws Exception {
        long before = api.get("/api/v1/datasets/" + jsonlId)
                .json()
                .path("downloadCount")
                .asLong();
        get("/api/v1/datasets/" + jsonlId + "/download?type=full", Map.of("User-Agent", "curl/8"));
        get("/api/v1/datasets/" + jsonlId + "/download?type=metadata", Map.of());
        get("/api/v1/datasets/" + jsonlId + "/download?type=sample&rows=1", Map.of());
        String body = "{\"ids\":[" + jsonlId + "," + privateId + ",999999]}";
        Await.until(Duration.ofSeconds(20), "the download log to write the three downloads", () -> {
            JsonNode stats = api.json("POST", "/api/v1/datasets/download-stats", null, body)
                    .json();
            return stats.path(Long.toString(jsonlId)).path("total").asLong() >= 3;
        });
        JsonNode stats =
                api.json("POST", "/api/v1/datasets/download-stats", null, body).json();
        assertThat(stats.path(Long.toString(jsonlId)).path("full").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path(Long.toString(jsonlId)).path("metadata").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("999999").path("total").asLong()).isZero();
        String admin = api.login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        api.json("DELETE", "/api/v1/admin/cache", admin, "{}"); // downloadCount is part of cached answers
        assertThat(api.get("/api/v1/datasets/" + jsonlId, admin)
                        .json()
                        .path("downloadCount")
                        .asLong())
                .isGreaterThanOrEqualTo(before + 3);
    }
}
