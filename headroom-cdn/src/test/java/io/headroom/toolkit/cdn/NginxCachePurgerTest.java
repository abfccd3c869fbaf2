package io.headroom.toolkit.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headroom.toolkit.testing.NginxProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real nginx on loopback, with deploy/nginx's cache key, levels and encoding map, in front of an
 * origin that counts what it serves: a purged path misses (and reaches the origin) for every encoding,
 * a path not purged still hits.
 */
class NginxCachePurgerTest {

    private static final Path HTTP_CONF = Path.of("..", "deploy", "nginx", "headroom-http.conf");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpServer origin;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private NginxProcess nginx;

    @BeforeEach
    void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        origin.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=0, s-maxage=600");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        origin.start();
        Deployed deployed = deployed();
        nginx = NginxProcess.start(dir, port -> config(port, deployed));
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    @Test
    void aPurgedPathMissesForEveryEncodingAndOthersStillHit() throws Exception {
        for (String encoding : List.of("gzip, deflate, br", "gzip", "")) {
            assertThat(cacheStatus("/api/v1/stats", encoding)).isEqualTo("MISS");
            assertThat(cacheStatus("/api/v1/stats", encoding)).isEqualTo("HIT");
        }
        assertThat(cacheStatus("/api/v1/folders", "br")).isEqualTo("MISS");
        assertThat(served.get("/api/v1/stats").get()).isEqualTo(3); // one entry per encoding: br, gzip, none

        NginxCachePurger purger =
                new NginxCachePurger(dir.resolve("cache"), deployed().levels(), "http", "127.0.0.1");
        for (String encoding : NginxCachePurger.ENCODING_KEYS) {
            assertThat(purger.file("http127.0.0.1/api/v1/stats|" + encoding))
                    .as("nginx's file for " + encoding)
                    .exists();
        }
        purger.purge(List.of("/api/v1/stats"));

        for (String encoding : List.of("gzip, deflate, br", "gzip", "")) {
            assertThat(cacheStatus("/api/v1/stats", encoding)).as(encoding).isEqualTo("MISS");
            assertThat(cacheStatus("/api/v1/stats", encoding)).as(encoding).isEqualTo("HIT");
        }
        assertThat(served.get("/api/v1/stats").get()).isEqualTo(6);
        assertThat(cacheStatus("/api/v1/folders", "br")).isEqualTo("HIT");
        assertThat(served.get("/api/v1/folders").get()).isEqualTo(1);
        purger.purge(List.of("/never/cached")); // nothing to delete is not an error
    }

    /** proxy_cache_key, levels and the encoding map as deploy/nginx has them. */
    record Deployed(String key, String levels, String encodingMap) {}

    private static Deployed deployed() throws IOException {
        String conf = Files.readString(HTTP_CONF);
        return new Deployed(
                find(conf, "proxy_cache_key\\s+(\"[^\"]+\");"),
                find(conf, "levels=([0-9:]+)"),
                find(conf, "(map \\$http_accept_encoding \\$headroom_encoding_key \\{[^}]*\\})"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + HTTP_CONF).isTrue();
        return m.group(1);
    }

    private String config(int port, Deployed d) {
        return """
                user %s;
                worker_processes 1;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    proxy_cache_path %s/cache levels=%s keys_zone=purge_test:1m use_temp_path=off;
                    %s
                    server {
                        listen 127.0.0.1:%d;
                        location = /ready { return 200; }
                        location / {
                            proxy_pass http://127.0.0.1:%d;
                            proxy_cache purge_test;
                            proxy_cache_key %s;
                            add_header X-Cache-Status $upstream_cache_status always;
                        }
                    }
                }
                """.formatted(
                        System.getProperty("user.name"),
                        dir,
                        dir,
                        dir,
                        d.levels(),
                        d.encodingMap(),
                        port,
                        origin.getAddress().getPort(),
                        d.key());
    }

    private String cacheStatus(String path, String encoding) throws Exception {
        HttpResponse<String> r = get(path, encoding);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("X-Cache-Status").orElse("(none)");
    }

    private HttpResponse<String> get(String path, String encoding) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path));
        if (!encoding.isEmpty()) {
            b.header("Accept-Encoding", encoding);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
