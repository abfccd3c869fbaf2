package io.headroom.explorer.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.NginxProcess;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full downloads handed to Debian's real nginx in front ({@code HEADROOM_DOWNLOAD_ACCEL_PREFIX}): the
 * service checks access and logs; nginx sends the file's bytes, ranges included, and its internal
 * location cannot be asked for directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadAccelRedirectTest {
    private static final String PREFIX = "/_lake/";

    @TempDir
    static Path dir;

    private DatabaseUnderTest database;
    private ServiceUnderTest service;
    private NginxProcess nginx;
    private long bigId;
    private long privateId;
    private byte[] big;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path lake = dir.resolve("lake");
        Files.createDirectories(lake.resolve("water"));
        Files.createDirectories(lake.resolve("secret"));
        big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        // a space and a percent sign: the internal URI must be encoded and nginx must decode it to the file
        Files.write(lake.resolve("water/river levels 100%.bin"), big);
        Files.writeString(lake.resolve("secret/plans.csv"), "a,b\n1,2\n");
        database = DatabaseUnderTest.h2(dir);
        service = ServiceUnderTest.start(
                database,
                dir,
                new FixedLake(List.of(
                        dataset("water/river levels 100%.bin", "river levels", "water", big.length),
                        dataset("secret/plans.csv", "plans", "secret", 8))),
                Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                Map.of(AccelRedirect.SETTING, PREFIX));
        service.awaitRefresh(1);
        ApiClient api = service.client();
        String admin = api.login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        assertThat(api.json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[\"secret\"]}")
                        .status())
                .isEqualTo(200);
        for (JsonNode d :
                api.get("/api/v1/datasets", ServiceUnderTest.ADMIN_TOKEN).json().path("items")) {
            if (d.path("name").asText().equals("plans")) {
                privateId = d.path("id").asLong();
            } else {
                bigId = d.path("id").asLong();
            }
        }
        nginx = NginxProcess.start(dir, port -> config(port, lake));
    }

    @AfterAll
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static DatasetMetadata dataset(String path, String name, String folder, long size) {
        return new DatasetMetadata(
                path,
                name,
                folder,
                DatasetFormat.OTHER,
                size,
                Instant.parse("2025-09-15T10:00:00Z"),
                null,
                false,
                0,
                100.0,
                List.of(),
                List.of(),
                null,
                null);
    }

    private String config(int port, Path lake) {
        return """
                user %s;
                worker_processes 1;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    sendfile on;
                    client_body_temp_path %s/tmp; proxy_temp_path %s/tmp;
                    server {
                        listen 127.0.0.1:%d;
                        location %s { internal; alias %s/; }
                        location / {
                            proxy_pass http://127.0.0.1:%d;
                            proxy_http_version 1.1;   # as deploy/nginx: the service speaks HTTP/1.1
                            proxy_set_header Connection "";
                        }
                    }
                }
                """.formatted(System.getProperty("user.name"), dir, dir, dir, dir, port, PREFIX, lake, service.port());
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private long loggedFullDownloads() {
        JsonNode stats = service.client()
                .json(
                        "POST",
                        "/api/v1/datasets/download-stats",
                        ServiceUnderTest.ADMIN_TOKEN,
                        "{\"ids\":[" + bigId + "]}")
                .json();
        return stats.path(Long.toString(bigId)).path("full").asLong();
    }

    @Test
    void nginxSendsTheWholeFileWithTheServicesNameAndType() throws Exception {
        long before = loggedFullDownloads();
        HttpResponse<byte[]> full = get("/api/v1/datasets/" + bigId + "/download?type=full", Map.of());

        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(big);
        assertThat(full.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename="));
        assertThat(full.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(full.headers().firstValue("Cache-Control")).contains("private, no-cache");
        assertThat(full.headers().firstValue(AccelRedirect.HEADER))
                .as("nginx consumes the redirect")
                .isEmpty();
        long mtime = Files.getLastModifiedTime(dir.resolve("lake/water/river levels 100%.bin"))
                .toInstant()
                .getEpochSecond();
        assertThat(full.headers().firstValue("ETag"))
                .as("nginx's validator (mtime-size in hex), not the service's: nginx sent the file")
                .contains("\"" + Long.toHexString(mtime) + "-" + Long.toHexString(big.length) + "\"");
        Await.until(Duration.ofSeconds(20), "the download logged", () -> loggedFullDownloads() == before + 1);
    }

    @Test
    void nginxAnswersRangesAndTheServiceStillRefusesAMalformedOne() throws Exception {
        String path = "/api/v1/datasets/" + bigId + "/download?type=full";
        HttpResponse<byte[]> part = get(path, Map.of("Range", "bytes=1000-1999"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(big, 1000, 2000));
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + big.length);

        HttpResponse<byte[]> bad = get(path, Map.of("Range", "bytes=9-3"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void theInternalLocationIsNotReachableAndAnInvisibleDatasetIsA404() throws Exception {
        assertThat(get(PREFIX + "secret/plans.csv", Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> hidden = get("/api/v1/datasets/" + privateId + "/download?type=full", Map.of());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(new String(hidden.body(), StandardCharsets.UTF_8)).doesNotContain("a,b");
        HttpResponse<byte[]> admin = get(
                "/api/v1/datasets/" + privateId + "/download?type=full",
                Map.of("Authorization", "Bearer " + ServiceUnderTest.ADMIN_TOKEN));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(new String(admin.body(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void theInternalUriEncodesEverySegmentByte() {
        AccelRedirect redirect = new AccelRedirect(PREFIX);
        assertThat(redirect.uriOf("water/river levels 100%.bin")).isEqualTo("/_lake/water/river%20levels%20100%25.bin");
        assertThat(redirect.uriOf("a/é?.csv")).isEqualTo("/_lake/a/%C3%A9%3F.csv");
    }
}
