package io.headroom.explorer.web.fuzz;

import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests that reach the routes a bare request cannot: those that need a JSON body, a user's login
 * token, or something to act on (a user to delete, a key to revoke). Each call makes what it needs
 * first, through the API, with fresh names, so the routes can be reached again and again.
 */
final class BodyExamples {
    /** One request to try, and the path it goes to (the random phase's base). */
    record Example(String path, WireRequest request) {}

    private final WireClient client;
    private final String adminToken;
    private final String adminPassword;
    private final AtomicInteger counter = new AtomicInteger();

    BodyExamples(WireClient client, String adminToken, String adminPassword) {
        this.client = client;
        this.adminToken = adminToken;
        this.adminPassword = adminPassword;
    }

    /** The examples for a route; empty when a bare request (with the admin token) is the way in. */
    List<Example> of(FuzzRoute route) {
        String path = route.path();
        String prefix = path.startsWith("/api/v1/") ? "/api/v1" : "/api";
        String rest = path.startsWith("/api/") ? path.substring(prefix.length()) : path;
        String method = route.method();
        return switch (method + " " + rest) {
            case "POST /auth/login" -> List.of(json(method, path, null, login()));
            case "POST /auth/password" ->
                List.of(json(
                        method,
                        path,
                        token("admin", adminPassword),
                        "{\"currentPassword\":\"" + adminPassword + "\",\"newPassword\":\"" + adminPassword + "\"}"));
            case "POST /admin/users" -> List.of(json(method, path, adminToken, newUserBody()));
            case "PATCH /admin/users/{id}" ->
                List.of(json(
                        method, prefix + "/admin/users/" + newUser(), adminToken, "{\"enabled\":true,\"folders\":[]}"));
            case "DELETE /admin/users/{id}" -> List.of(bare(method, prefix + "/admin/users/" + newUser()));
            case "POST /admin/users/{id}/api-keys" ->
                List.of(json(
                        method,
                        prefix + "/admin/users/" + newUser() + "/api-keys",
                        adminToken,
                        "{\"name\":\"fuzz\",\"scope\":\"read\"}"));
            case "DELETE /admin/users/{id}/api-keys/{keyId}" -> {
                long user = newUser();
                long key = id(send(json(
                                "POST",
                                prefix + "/admin/users/" + user + "/api-keys",
                                adminToken,
                                "{\"name\":\"fuzz\",\"scope\":\"read\"}")
                        .request()));
                yield List.of(bare(method, prefix + "/admin/users/" + user + "/api-keys/" + key));
            }
            case "POST /datasets/download-stats" -> List.of(json(method, path, adminToken, "{\"ids\":[1,2,3]}"));
            case "POST /batch" ->
                List.of(
                        json(
                                method,
                                path,
                                adminToken,
                                "{\"requests\":[{\"id\":\"a\",\"path\":\"/api/v1/stats\"},{\"id\":\"b\",\"path\":\"/api/v1/folders\"}]}"));
            case "PUT /admin/folders/private" -> List.of(json(method, path, adminToken, "{\"folders\":[]}"));
            default -> List.of();
        };
    }

    private String login() {
        return "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}";
    }

    private String token(String user, String password) {
        WireClient.Response response = send(json(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .request());
        return field(response, "token");
    }

    private String newUserBody() {
        return "{\"username\":\"fuzz-" + counter.incrementAndGet() + "\",\"password\":\"fuzz-password\"}";
    }

    private long newUser() {
        return id(send(
                json("POST", "/api/v1/admin/users", adminToken, newUserBody()).request()));
    }

    private Example json(String method, String path, String bearer, String body) {
        WireRequest.Builder request = WireRequest.http(method, path)
                .header("Content-Type", "application/json")
                .body(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return new Example(path, request.build());
    }

    private Example bare(String method, String path) {
        return new Example(
                path,
                WireRequest.http(method, path)
                        .header("Authorization", "Bearer " + adminToken)
                        .build());
    }

    private WireClient.Response send(WireRequest request) {
        WireClient.Response response = client.send(request).response();
        if (response == null || response.status() >= 300) {
            throw new AssertionError(
                    "setting up a fuzz example failed: " + (response == null ? "no answer" : response.body()));
        }
        return response;
    }

    private static long id(WireClient.Response response) {
        return Long.parseLong(field(response, "id"));
    }

    private static String field(WireClient.Response response, String name) {
        try {
            return Json.mapper().readTree(response.body()).path(name).asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
