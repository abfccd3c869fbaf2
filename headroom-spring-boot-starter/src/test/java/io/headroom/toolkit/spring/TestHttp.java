package io.headroom.toolkit.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Real HTTP to an application on a local port; the JDK client leaves bodies as they were sent. */
final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int port;

    TestHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path, String... headers) {
        try {
            return CLIENT.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return CLIENT.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            req.headers(headers);
        }
        return req.build();
    }
}
