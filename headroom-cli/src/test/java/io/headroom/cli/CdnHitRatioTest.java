package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom load} counts the responses a CDN answered, from the headers CDNs send. */
class CdnHitRatioTest {

    @TempDir
    Path dir;

    @Test
    void everyThirdResponseFromTheOriginIsATwoThirdsHitRatio() throws Exception {
        AtomicLong served = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        HttpServer edge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        edge.createContext("/", exchange -> {
            long n = served.incrementAndGet();
            boolean hit = n % 3 != 0;
            if (hit) {
                hits.incrementAndGet();
            }
            // Cloudflare's header on some, Fastly's per-tier X-Cache on others: both count.
            exchange.getResponseHeaders()
                    .add(n % 2 == 0 ? "CF-Cache-Status" : "X-Cache", hit ? (n % 2 == 0 ? "HIT" : "MISS, HIT") : "MISS");
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        edge.start();
        try {
            CommandRun run = CommandRun.of(
                    "load",
                    "--url",
                    "http://127.0.0.1:" + edge.getAddress().getPort() + "/x",
                    "--vus",
                    "1",
                    "--duration",
                    "1s",
                    "--out",
                    dir.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode total = new ObjectMapper()
                    .readTree(dir.resolve("summary.json").toFile())
                    .path("total");
            long count = total.path("count").asLong();
            // The warm-up burst reached the server too: only the measured requests are in the summary.
            assertThat(total.path("cacheHits").asLong()
                            + total.path("cacheMisses").asLong())
                    .isEqualTo(count);
            assertThat(total.path("cacheHits").asLong()).isBetween(count * 2 / 3 - 1, count * 2 / 3 + 1);
            assertThat(run.out()).contains("Cache hits by response headers").contains(" % (");
        } finally {
            edge.stop(0);
        }
    }
}
