package io.headroom.explorer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for the service under test; bodies come back parsed. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** GET of a path that is already percent-encoded where needed. */
    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), null);
    }

    public Response get(String pathAndQuery, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), bearer);
    }

    public Response post(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), bearer);
    }

    /** A POST with a body of the given type. */
    public Response post(String path, String contentType, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                null);
    }

    /** A request with a JSON body ({@code Content-Type: application/json}). */
    public Response json(String method, String path, String bearer, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)),
                bearer);
    }

    /** Any method, without a body. */
    public Response request(String method, String path, String bearer) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()),
                bearer);
    }

    public Response delete(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), bearer);
    }

    /** Logs in and returns the login token; fails the test when the login is refused. */
    public String login(String username, String password) {
        Response response = json(
                "POST",
                "/api/v1/auth/login",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " refused: " + response.status() + " "
                    + response.raw().body());
        }
        return response.json().path("token").asText();
    }

    /** Polls a GET until the predicate holds; fails with the last answer after the deadline. */
    public Response await(String pathAndQuery, String bearer, Predicate<Response> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response last;
        do {
            last = get(pathAndQuery, bearer);
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20); // polling pace only; nothing is timed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("condition not met within 60 s on " + pathAndQuery + "; last answer " + last.status()
                + " " + last.raw().body());
    }

    private Response send(HttpRequest.Builder builder, String bearer) {
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("content-type").orElse(""),
                    response);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
