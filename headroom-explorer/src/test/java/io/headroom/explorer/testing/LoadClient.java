package io.headroom.explorer.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GETs to service instances on 127.0.0.1 over HTTP/1.1 keep-alive connections, each returned as an
 * {@link Exchange} rather than thrown: a load test counts failures, it does not stop at the first one.
 */
public final class LoadClient {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Exchange get(int port, String path) {
        return get(port, path, Map.of());
    }

    public Exchange get(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)) // a hang fails the exchange, never the build
                .GET();
        headers.forEach(request::header);
        AtomicBoolean started = new AtomicBoolean();
        HttpResponse.BodyHandler<String> body = info -> {
            started.set(true); // the status line and headers are in: the instance admitted the request
            return HttpResponse.BodyHandlers.ofString().apply(info);
        };
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), body);
            return new Exchange(
                    port,
                    path,
                    sent,
                    System.nanoTime(),
                    true,
                    response.statusCode(),
                    response.headers(),
                    response.statusCode() / 100 == 2 ? null : response.body(), // thousands are kept
                    null);
        } catch (IOException e) {
            return new Exchange(port, path, sent, System.nanoTime(), started.get(), -1, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted sending GET " + path, e);
        }
    }
}
