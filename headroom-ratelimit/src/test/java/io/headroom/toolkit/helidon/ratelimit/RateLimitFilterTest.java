package io.headroom.toolkit.helidon.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.helidon.ProblemHandlers;
import io.headroom.toolkit.ratelimit.RateLimitSettings;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.toolkit.ratelimit.RouteClass;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitFilterTest {
    @Test
    void answers429WithRetryAfterAndTheIetfFieldsAndNeverLimitsHealth() throws Exception {
        RateLimitSettings settings = RateLimitSettings.from(
                new Settings(Map.of("HEADROOM_RATE_LIMIT_API", "2/1m", "HEADROOM_RATE_LIMIT_SLOW_DOWN_AT", "100")));
        RateLimiter limiter = new RateLimiter(settings.openStore("t:"), settings.slowDown());
        RateLimitFilter filter = new RateLimitFilter(
                limiter,
                settings,
                req -> req.path().path().startsWith("/health") ? RouteClass.EXEMPT : RouteClass.API,
                req -> Optional.empty());
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> {
                    ProblemHandlers.register(r);
                    r.addFilter(filter);
                    r.get("/api/x", (req, res) -> res.send("ok"));
                    r.get("/health", (req, res) -> res.send("up"));
                })
                .build()
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> first = get(http, server, "/api/x");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("RateLimit")).contains("\"api\";r=1;t=30");
            assertThat(first.headers().firstValue("RateLimit-Policy"))
                    .contains("\"ip\";q=1000;w=900, \"user\";q=500;w=900, \"api\";q=2;w=60");
            assertThat(get(http, server, "/api/x").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(http, server, "/api/x");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(Integer.parseInt(
                            refused.headers().firstValue("Retry-After").orElseThrow()))
                    .as("one token back every 30 s, less the time the test took")
                    .isBetween(20, 30);
            assertThat(refused.headers().firstValue("RateLimit"))
                    .get()
                    .asString()
                    .startsWith("\"api\";r=0;t=");
            assertThat(refused.body()).contains("Rate limit 'api' (2/1m) reached");
            for (int i = 0; i < 5; i++) {
                assertThat(get(http, server, "/health").statusCode()).isEqualTo(200);
            }
        } finally {
            server.stop();
            limiter.close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, WebServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
