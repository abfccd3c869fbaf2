package io.headroom.explorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/batch} (HTTP-6): up to {@value #MAX_REQUESTS} GET sub-requests answered in one
 * response. Each sub-request is sent to this service itself over loopback HTTP with the caller's own
 * {@code Authorization}, so it passes exactly what a separate request would: the credential check, the
 * access scope, the response cache, and the rate limits once they exist. The sub-requests run
 * concurrently on virtual threads; the batch answers when the last one has.
 */
final class BatchHandler {
    static final int MAX_REQUESTS = 20;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration SUB_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<URI> self;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BatchHandler(Supplier<URI> self) {
        this.self = self;
    }

    record SubRequest(String id, String path) {}

    record SubResponse(String id, int status, Object body) {}

    record BatchResponse(List<SubResponse> responses) {}

    void batch(ServerRequest req, ServerResponse res) throws InterruptedException {
        JsonBody body = JsonBody.read(req, MAX_BODY_BYTES, Set.of("requests"));
        JsonNode list = body.node("requests");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ProblemException.badParameter("requests", "is required: an array of { \"id\", \"path\" }");
        }
        if (list.size() > MAX_REQUESTS) {
            throw ProblemException.badParameter("requests", "has " + list.size() + " entries; at most " + MAX_REQUESTS);
        }
        List<SubRequest> requests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode item : list) {
            String id = item.path("id").isTextual() ? item.path("id").asText() : null;
            String path = item.path("path").isTextual() ? item.path("path").asText() : null;
            if (id == null || id.isEmpty() || id.length() > 64 || !ids.add(id)) {
                throw ProblemException.badParameter(
                        "requests", "every entry needs a unique \"id\" of 1 to 64 characters");
            }
            if (path == null
                    || !path.startsWith("/api/")
                    || path.length() > 2048
                    || !isUri(path)
                    || path.chars().anyMatch(ch -> ch <= ' ' || ch >= 127)) {
                throw ProblemException.badParameter(
                        "requests",
                        "entry '" + JsonBody.QuotedText.of(id) + "': \"path\" must be "
                                + "an /api/ path, percent-encoded, at most 2048 characters");
            }
            String route = path.split("\\?", 2)[0];
            if (route.endsWith("/batch")
                    || route.endsWith("/export")
                    || route.endsWith("/download")
                    || route.endsWith("/stream")) {
                throw ProblemException.badParameter(
                        "requests",
                        "entry '" + JsonBody.QuotedText.of(id) + "': batches hold "
                                + "JSON reads; the batch route itself and streamed routes (export, download, stream) are not batched");
            }
            requests.add(new SubRequest(id, path));
        }
        String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        List<SubResponse> responses = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SubResponse>> running = new ArrayList<>();
            for (SubRequest sub : requests) {
                running.add(executor.submit(() -> send(sub, authorization)));
            }
            for (Future<SubResponse> future : running) {
                try {
                    responses.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("A batch sub-request failed", e.getCause());
                }
            }
        }
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        JsonResponse.send(res, new BatchResponse(responses));
    }

    private static boolean isUri(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A sub-request that cannot be answered (the service stopping, a timeout) is a 504 entry, not a failed batch. */
    private SubResponse send(SubRequest sub, String authorization) throws InterruptedException {
        try {
            return exchange(sub, authorization);
        } catch (IOException e) {
            return new SubResponse(
                    sub.id(),
                    504,
                    Map.of(
                            "title",
                            "Gateway Timeout",
                            "status",
                            504,
                            "detail",
                            "The sub-request could not be answered: "
                                    + e.getClass().getSimpleName()));
        }
    }

    private SubResponse exchange(SubRequest sub, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(self.get().resolve(sub.path()))
                .timeout(SUB_REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("content-type").orElse("");
        Object body;
        if (type.startsWith("application/json") || type.startsWith("application/problem+json")) {
            body = Json.mapper().readTree(response.body());
        } else {
            body = new String(response.body(), StandardCharsets.UTF_8);
        }
        return new SubResponse(sub.id(), response.statusCode(), body);
    }
}
