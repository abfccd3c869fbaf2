package io.headroom.toolkit.cdn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP side the vendor purgers share: one client, a timeout, failures as {@link CdnPurgeException}. */
final class PurgeHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HttpResponse<String> send(HttpRequest.Builder request, String vendor) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CdnPurgeException(vendor + " purge " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdnPurgeException(vendor + " purge interrupted", e);
        }
    }

    /** {@code site} with {@code path} (path and query) in place of its own path. */
    static URI absolute(URI site, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        String base = site.toString().replaceFirst("/+$", "");
        return URI.create(base + path);
    }
}
