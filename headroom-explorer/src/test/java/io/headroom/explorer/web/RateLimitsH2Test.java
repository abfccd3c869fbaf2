package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer's rate limits (RATE-1..3) and the brute-force guards (admin token, login), as a client meets them. */
class RateLimitsH2Test {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anApiClientPastItsQuotaGets429WithTheFieldsWhileProbesAndOtherClientsGoOn() throws Exception {
        try (ServiceUnderTest service =
                start(Map.of("HEADROOM_RATE_LIMIT_API", "3/1m", "HEADROOM_TRUSTED_PROXIES", "127.0.0.1"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> ok =
                        get(service, "/api/v1/stats/quick", Map.of("X-Forwarded-For", "198.51.100.1"));
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("RateLimit"))
                        .get()
                        .asString()
                        .startsWith("\"api\";r=" + (2 - i) + ";t=");
            }
            HttpResponse<String> refused =
                    get(service, "/api/v1/stats/quick", Map.of("X-Forwarded-For", "198.51.100.1"));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(Integer.parseInt(
                            refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1, 20);
            assertThat(refused.headers().firstValue("RateLimit-Policy"))
                    .get()
                    .asString()
                    .contains("\"api\";q=3;w=60");

            assertThat(get(service, "/api/v1/stats/quick", Map.of("X-Forwarded-For", "198.51.100.2"))
                            .statusCode())
                    .as("another client behind the trusted proxy has its own buckets")
                    .isEqualTo(200);
            assertThat(get(service, "/api/health/ready", Map.of("X-Forwarded-For", "198.51.100.1"))
                            .statusCode())
                    .as("readiness is never limited")
                    .isEqualTo(200);
        }
    }

    @Test
    void wrongAdminTokensInARowMakeTheNextAttemptWaitEvenWithTheRightToken() throws Exception {
        try (ServiceUnderTest service =
                start(Map.of("HEADROOM_BRUTE_FORCE_FREE_ATTEMPTS", "3", "HEADROOM_BRUTE_FORCE_BASE_DELAY", "1m"))) {
            for (int i = 0; i < 4; i++) {
                assertThat(get(service, "/api/v1/admin/cache", Map.of("Authorization", "Bearer wrong-" + i))
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> blocked = get(
                    service, "/api/v1/admin/cache", Map.of("Authorization", "Bearer " + ServiceUnderTest.ADMIN_TOKEN));
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(
                            blocked.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(50, 60);
            assertThat(blocked.body()).contains("Too many wrong tokens");
        }
    }

    @Test
    void failedLoginsInARowMakeTheNextWaitEvenWithTheRightPasswordAndLoginsAreNotRateLimited() throws Exception {
        try (ServiceUnderTest service = start(Map.of(
                "HEADROOM_BRUTE_FORCE_FREE_ATTEMPTS",
                "3",
                "HEADROOM_BRUTE_FORCE_BASE_DELAY",
                "1m",
                "HEADROOM_RATE_LIMIT_API",
                "2/1m"))) {
            // Five attempts against an API quota of two: logins are not rate limited (RATE-2), only guarded.
            for (int i = 0; i < 4; i++) {
                assertThat(service.client()
                                .json(
                                        "POST",
                                        "/api/v1/auth/login",
                                        null,
                                        "{\"username\":\"Admin\",\"password\":\"wrong-" + i + "\"}")
                                .status())
                        .isEqualTo(401);
            }
            ApiClient.Response blocked = service.client()
                    .json(
                            "POST",
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"admin\",\"password\":\"" + ServiceUnderTest.ADMIN_PASSWORD + "\"}");
            assertThat(blocked.status())
                    .as("refused before the password is looked at")
                    .isEqualTo(429);
            assertThat(blocked.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(50, 60);
            assertThat(blocked.json().path("detail").asText()).contains("Too many failed logins");
        }
    }

    private ServiceUnderTest start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("HEADROOM_RATE_LIMITS", "on");
        ServiceUnderTest service = ServiceUnderTest.start(
                DatabaseUnderTest.h2(dataDir),
                dataDir,
                new FixedLake(CatalogFixture.datasets(3)),
                Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                all);
        return service;
    }

    private HttpResponse<String> get(ServiceUnderTest service, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
