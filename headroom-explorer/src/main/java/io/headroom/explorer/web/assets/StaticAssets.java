package io.headroom.explorer.web.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.toolkit.helidon.ResponseWriter;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the UI that {@link AssetBuild} wrote into the classpath folder {@code web/}: {@code index.html}
 * at {@code /} ({@code no-cache} + ETag, so a new release is seen on the next load) and the hashed
 * assets at {@code /assets/<name>} ({@code immutable} for a year). Everything is read into memory at
 * start with its brotli and gzip variants, so a request is a lookup plus the shared
 * {@link ResponseWriter} rules: 304 on {@code If-None-Match}, the variant chosen by
 * {@code Accept-Encoding}, {@code Vary}. The page gets its own Content-Security-Policy: scripts, styles
 * and requests from this origin only.
 */
public final class StaticAssets {
    static final String ROOT = "web/";
    /** The page loads its own modules and styles and calls its own API; nothing else, nothing inline. */
    public static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A worker's fetches obey its own script's policy: the API's {@code default-src 'none'} would refuse them all. */
    public static final String WORKER_CSP = "default-src 'none'; connect-src 'self'";

    private final ResponseWriter writer;
    private final RenderedResponse index;
    private final RenderedResponse serviceWorker;
    private final Map<String, RenderedResponse> assets;

    private StaticAssets(
            ResponseWriter writer,
            RenderedResponse index,
            RenderedResponse serviceWorker,
            Map<String, RenderedResponse> assets) {
        this.writer = writer;
        this.index = index;
        this.serviceWorker = serviceWorker;
        this.assets = Map.copyOf(assets);
    }

    /** The assets built into the classpath, or empty when the build step has not run (the page is then a 503). */
    public static Optional<StaticAssets> fromClasspath(ResponseWriter writer) {
        ClassLoader loader = StaticAssets.class.getClassLoader();
        try (InputStream manifest = loader.getResourceAsStream(ROOT + "manifest.json")) {
            if (manifest == null) {
                return Optional.empty();
            }
            Instant builtAt = Instant.now(); // Last-Modified only; the ETag is what revalidates
            Map<String, RenderedResponse> assets = new HashMap<>();
            JsonNode names = new ObjectMapper().readTree(manifest).path("assets");
            for (Iterator<String> it = names.fieldNames(); it.hasNext(); ) {
                String hashed = names.get(it.next()).asText();
                assets.put(hashed, load(loader, ROOT + "assets/" + hashed, builtAt));
            }
            return Optional.of(new StaticAssets(
                    writer,
                    load(loader, ROOT + "index.html", builtAt),
                    load(loader, ROOT + AssetBuild.SERVICE_WORKER, builtAt),
                    assets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI assets from the classpath", e);
        }
    }

    /** {@code GET /}: the page. */
    public void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), PAGE_CSP);
        writer.write(req, res, index, CacheControlPolicy.revalidate());
    }

    /**
     * {@code GET /sw.js}: the service worker (DASH-4), revalidated on every check like the page: its
     * content names the current assets, so a new build is a new worker.
     */
    public void serviceWorker(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), WORKER_CSP);
        writer.write(req, res, serviceWorker, CacheControlPolicy.revalidate());
    }

    /** {@code GET /assets/{name}}: a hashed asset, or 404. */
    public void asset(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        RenderedResponse asset = assets.get(name);
        if (asset == null) {
            throw ProblemException.notFound(
                    "No asset named '" + name + "' (asset names change with every build;" + " reload the page)");
        }
        writer.write(req, res, asset, CacheControlPolicy.immutable());
    }

    /** MIME types of the files the UI is made of; any other file in src/main/web fails the build (AssetBuild). */
    public static String contentTypeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String extension = lower.substring(lower.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "ico" -> "image/x-icon";
            default -> throw new IllegalArgumentException("no MIME type known for " + name);
        };
    }

    private static RenderedResponse load(ClassLoader loader, String resource, Instant builtAt) throws IOException {
        byte[] identity = read(loader, resource).orElseThrow(() -> new IOException("missing UI asset " + resource));
        RenderedResponse plain = RenderedResponse.of(identity, contentTypeOf(resource), builtAt); // its ETag
        byte[] none = new byte[0];
        return new RenderedResponse(
                plain.contentType(),
                identity,
                read(loader, resource + ".br").orElse(none),
                read(loader, resource + ".gz").orElse(none),
                plain.etag(),
                plain.lastModified());
    }

    private static Optional<byte[]> read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
