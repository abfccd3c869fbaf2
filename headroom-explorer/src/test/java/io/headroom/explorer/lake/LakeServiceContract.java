package io.headroom.explorer.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.lake.parquet.ParquetColumn;
import io.headroom.explorer.lake.parquet.ParquetFileWriter;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.LakeUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code headroom serve} runs it, over a real lake: discovery, analysis, samples,
 * downloads and refresh, run once over a local directory and once over an S3 bucket (in-process server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LakeServiceContract {
    /** A record holds a newline inside quotes: a sample cut by bytes or lines would break it. */
    static final String RIVERS =
            "station,note,value\nA1,plain,1.5\nA2,\"two\nlines\",2.5\nA3,plain,3.5\nA4,plain,4.5\n";

    static final String SIDECAR = "description: Rivers of the north\ntags: [water, rivers]\nlicense: CC-BY-4.0\n";
    /** Full downloads above this many bytes are presigned redirects where the store offers them. */
    static final int DIRECT_ABOVE = 2_000;

    @TempDir
    static Path tempDir;

    private LakeUnderTest lake;
    private ServiceUnderTest service;
    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

    protected abstract LakeUnderTest openLake(Path dir);

    /** True where large full downloads are 302s to the store (S3), false where they are streamed. */
    protected abstract boolean redirectsLargeDownloads();

    @BeforeAll
    void start() throws IOException {
        lake = openLake(tempDir);
        lake.put("water/rivers.csv", bytes(RIVERS));
        lake.put("water/rivers.yaml", bytes(SIDECAR));
        lake.put("water/gauges.jsonl", bytes("{\"g\":1,\"ok\":true}\n{\"g\":2,\"ok\":false}\n{\"g\":3,\"ok\":true}\n"));
        lake.put("water/_SUCCESS", new byte[0]);
        lake.put("weather/stations.parquet", parquet());
        lake.put("weather/big.csv", bytes(bigCsv()));
        lake.put("scratch/old.csv", bytes("a,b\n1,2\n"));
        Map<String, String> settings = new HashMap<>(lake.environment());
        settings.put("S3_PRESIGN_ABOVE_BYTES", Integer.toString(DIRECT_ABOVE));
        service = ServiceUnderTest.overLake(DatabaseUnderTest.h2(tempDir), tempDir.resolve("data"), settings);
        api = service.client();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (lake != null) {
            lake.close();
        }
    }

    @Test
    void discoveryCataloguesEveryDatasetAndSkipsMarkers() {
        Map<String, String> names = datasets().stream()
                .filter(d -> !d.path("folder").asText().equals("scratch"))
                .collect(Collectors.toMap(
                        d -> d.path("name").asText(), d -> d.path("format").asText()));
        assertThat(names)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("rivers", "csv", "gauges", "jsonl", "stations", "parquet", "big", "csv"));
    }

    @Test
    void analysisReadsContentSidecarsAndParquetFooters() throws Exception {
        JsonNode rivers = dataset("rivers");
        assertThat(rivers.path("recordCount").asLong()).isEqualTo(4);
        assertThat(rivers.path("recordCountExact").asBoolean()).isTrue();
        assertThat(names(rivers.path("columns"))).containsExactly("station", "note", "value");
        // Seen null in full-suite runs (tags present, description and license null: the sidecar's tags
        // were stored without its other fields) and never in this class alone; the message carries what
        // to look at: the row, the refresh, and the sidecar as the service's store serves it now.
        if (!"Rivers of the north".equals(rivers.path("description").asText())) {
            String served =
                    text(get("/api/v1/datasets/" + rivers.path("id").asLong() + "/download?type=metadata", Map.of()));
            assertThat(rivers.path("description").asText())
                    .as(
                            "description of %s after %s; the sidecar served now: %s",
                            rivers, service.awaitRefresh(1).json(), served)
                    .isEqualTo("Rivers of the north");
        }
        assertThat(names(dataset("gauges").path("columns"))).containsExactly("g", "ok");
        JsonNode stations = dataset("stations"); // footer only: two ranged reads
        assertThat(stations.path("recordCount").asLong()).isEqualTo(3);
        assertThat(names(stations.path("columns"))).containsExactly("id", "name");
    }

    @Test
    void samplesReadTheFirstRows() {
        JsonNode csv =
                api.get("/api/v1/datasets/" + id("rivers") + "/sample?rows=2").json();
        assertThat(csv.path("rows").size()).isEqualTo(2);
        assertThat(csv.path("rows").get(1).get(1).asText()).isEqualTo("two\nlines");
        assertThat(csv.path("truncated").asBoolean()).isTrue();
        JsonNode parquet =
                api.get("/api/v1/datasets/" + id("stations") + "/sample?rows=5").json();
        assertThat(parquet.path("rows").size()).isEqualTo(3);
        assertThat(parquet.path("rows").get(2).get(1).asText()).isEqualTo("gamma");
    }

    @Test
    void downloadsServeTheFileRangesSamplesAndSidecars() throws Exception {
        String base = "/api/v1/datasets/" + id("rivers") + "/download";
        HttpResponse<byte[]> full = get(base + "?type=full", Map.of());
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(text(full)).isEqualTo(RIVERS);
        assertThat(full.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"rivers.csv\""));
        HttpResponse<byte[]> range = get(base + "?type=full", Map.of("Range", "bytes=19-25"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(text(range)).isEqualTo(RIVERS.substring(19, 26));
        assertThat(get(base + "?type=full", Map.of("Range", "bytes=9999-")).statusCode())
                .isEqualTo(416);
        assertThat(text(get(base + "?type=sample&rows=2", Map.of())))
                .isEqualTo("station,note,value\nA1,plain,1.5\nA2,\"two\nlines\",2.5\n");
        assertThat(text(get(base + "?type=metadata", Map.of()))).isEqualTo(SIDECAR);
    }

    @Test
    void largeFullDownloadsRedirectToTheStoreWhereItCanAndAreLoggedEitherWay() throws Exception {
        long big = id("big");
        HttpResponse<byte[]> response = get("/api/v1/datasets/" + big + "/download?type=full", Map.of());
        byte[] file;
        if (redirectsLargeDownloads()) {
            assertThat(response.statusCode()).isEqualTo(302);
            URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
            assertThat(location.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
            HttpResponse<byte[]> fromStore =
                    http.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fromStore.statusCode()).isEqualTo(200);
            file = fromStore.body();
        } else {
            assertThat(response.statusCode()).isEqualTo(200);
            file = response.body();
        }
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(bigCsv());
        // a small file of the same store is streamed, never redirected
        assertThat(get("/api/v1/datasets/" + id("gauges") + "/download?type=full", Map.of())
                        .statusCode())
                .isEqualTo(200);
        Await.until(
                () -> api.post("/api/v1/datasets/download-stats", "application/json", "{\"ids\":[" + big + "]}")
                                .json()
                                .path(Long.toString(big))
                                .path("full")
                                .asLong()
                        == 1,
                Duration.ofSeconds(30),
                "the full download of dataset 'big' is logged");
    }

    @Test
    void aRefreshSeesAddedChangedAndDeletedObjects() {
        assertThat(datasets().stream().map(d -> d.path("name").asText())).contains("old");
        lake.put("scratch/new.csv", bytes("x,y,z\n1,2,3\n4,5,6\n"));
        lake.delete("scratch/old.csv");
        assertThat(api.post("/api/v1/admin/refresh", ServiceUnderTest.ADMIN_TOKEN)
                        .status())
                .isEqualTo(202);
        service.awaitRefresh(2);
        List<JsonNode> scratch = datasets().stream()
                .filter(d -> d.path("folder").asText().equals("scratch"))
                .toList();
        assertThat(scratch).singleElement().satisfies(d -> {
            assertThat(d.path("name").asText()).isEqualTo("new");
            assertThat(d.path("recordCount").asLong()).isEqualTo(2);
        });
    }

    private List<JsonNode> datasets() {
        JsonNode items = api.get("/api/v1/datasets?limit=100").json().path("items");
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    private JsonNode dataset(String name) {
        return api.get("/api/v1/datasets/" + id(name)).json();
    }

    private long id(String name) {
        return datasets().stream()
                .filter(d -> d.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dataset " + name))
                .path("id")
                .asLong();
    }

    private static List<String> names(JsonNode columns) {
        return StreamSupport.stream(columns.spliterator(), false)
                .map(c -> c.path("name").asText())
                .toList();
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String bigCsv() {
        StringBuilder csv = new StringBuilder("n,square\n");
        for (int i = 0; i < 400; i++) {
            csv.append(i).append(',').append(i * i).append('\n');
        }
        return csv.toString();
    }

    private static byte[] parquet() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetFileWriter.write(
                out,
                List.of(
                        new ParquetColumn("id", ParquetColumn.Kind.INT64, List.of(1L, 2L, 3L)),
                        new ParquetColumn("name", ParquetColumn.Kind.STRING, List.of("alpha", "beta", "gamma"))));
        return out.toByteArray();
    }
}
