package io.headroom.explorer.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LakeFiles;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.web.DeclaredRoute;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access on every route, proved from the route table itself ({@code Routes.declared()}): each declared
 * route must be classified here (a new route fails the test until it is), and each is called as
 * anonymous, as three users with different grants, and as an admin, in authenticated mode. Catalog answers
 * must hold only the caller's folders, single datasets outside them must be 404s, and the shared response
 * cache must never hand one scope's entry to another.
 *
 * <p>Users: {@code env} is granted {@code environment} (so also {@code environment/air}), {@code env2}
 * the same (it must share env's cache entries), {@code health} is granted {@code health}, {@code none}
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixContract {
    private static final List<DatasetMetadata> FIXTURE = CatalogFixture.datasets(40);
    private static final String V1 = "/api/v1";

    @TempDir
    static Path tempDir;

    private DatabaseUnderTest database;
    private ServiceUnderTest service;
    private ApiClient api;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private long healthId;
    private long airId;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    /** What a caller may see: the folders, or all of them (null). */
    private static final Map<String, Predicate<String>> SEES = Map.of(
            "anonymous", f -> false,
            "env", f -> f.equals("environment") || f.startsWith("environment/"),
            "env2", f -> f.equals("environment") || f.startsWith("environment/"),
            "health", f -> f.equals("health"),
            "none", f -> false,
            "admin", f -> true);

    @BeforeAll
    void start() throws IOException {
        LakeFiles.write(tempDir.resolve("lake"), FIXTURE);
        database = openDatabase(tempDir);
        service = ServiceUnderTest.start(
                database,
                tempDir,
                new FixedLake(FIXTURE),
                Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                Map.of("HEADROOM_ACCESS", "authenticated"));
        service.awaitRefresh(1);
        api = service.client();
        String admin = api.login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        tokens.put("anonymous", null);
        for (String[] user : new String[][] {
            {"env", "[\"environment\"]"}, {"env2", "[\"environment\"]"}, {"health", "[\"health\"]"}, {"none", "[]"}
        }) {
            ApiClient.Response created = api.json(
                    "POST",
                    "/api/v1/admin/users",
                    admin,
                    "{\"username\":\"" + user[0] + "\",\"password\":\"password-" + user[0] + "\",\"folders\":" + user[1]
                            + "}");
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            tokens.put(user[0], api.login(user[0], "password-" + user[0]));
        }
        tokens.put("admin", admin);
        JsonNode all = api.get("/api/v1/datasets?limit=100", admin).json().path("items");
        for (JsonNode d : all) {
            if (d.path("folder").asText().equals("health")
                    && d.path("format").asText().equals("csv")) {
                healthId = d.path("id").asLong();
            }
            if (d.path("folder").asText().equals("environment/air")
                    && d.path("format").asText().equals("csv")) {
                airId = d.path("id").asLong();
            }
        }
        assertThat(healthId).isPositive();
        assertThat(airId).isPositive();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private enum Kind {
        CATALOG,
        CATALOG_QUERY,
        BATCH,
        ADMIN,
        MONITORING,
        OWN_ACCOUNT,
        LOGIN,
        PUBLIC
    }

    /** Every route of the table, by its path without the version prefix; a route missing here fails the test. */
    private static Kind kind(String path) {
        String route =
                path.startsWith(V1) ? path.substring(V1.length()) : path.startsWith("/api/") ? path.substring(4) : path;
        if (route.startsWith("/admin/")) {
            return Kind.ADMIN;
        }
        return switch (route) {
            case "/datasets",
                    "/datasets/{id}",
                    "/datasets/{id}/sample",
                    "/folders",
                    "/folders/community-data-points",
                    "/folders/{+rest}",
                    "/stats",
                    "/stats/quick",
                    "/datasets/{id}/download" -> Kind.CATALOG;
            case "/datasets/download-stats" -> Kind.CATALOG_QUERY;
            case "/datasets/export" -> Kind.CATALOG;
            case "/batch" -> Kind.BATCH;
            case "/performance/stats",
                    "/metrics",
                    "/alerts",
                    "/performance/stream",
                    "/performance/rum",
                    "/performance/reports",
                    "/performance/reports/{name}",
                    "/performance/reports/{name}/report.html",
                    "/health/detailed" -> Kind.MONITORING;
            case "/auth/password" -> Kind.OWN_ACCOUNT;
            case "/auth/login" -> Kind.LOGIN;
            case "/", "/assets/{name}", "/sw.js", "/health", "/health/ready", "/rum" -> Kind.PUBLIC;
            default -> throw new AssertionError("route " + path + " is not classified in the access matrix: add it");
        };
    }

    /** The concrete requests of a catalog route: each path, with the folder whose data it shows (null: a list). */
    private List<String[]> concrete(String path) {
        String prefix = path.startsWith(V1) ? V1 : "/api";
        String route = path.substring(prefix.length());
        return switch (route) {
            case "/datasets/{id}" ->
                List.<String[]>of(
                        new String[] {prefix + "/datasets/" + healthId, "health"},
                        new String[] {prefix + "/datasets/" + airId, "environment/air"});
            case "/datasets/{id}/sample" ->
                List.<String[]>of(
                        new String[] {prefix + "/datasets/" + healthId + "/sample?rows=2", "health"},
                        new String[] {prefix + "/datasets/" + airId + "/sample?rows=2", "environment/air"});
            case "/datasets/{id}/download" ->
                List.<String[]>of(
                        new String[] {prefix + "/datasets/" + healthId + "/download?type=metadata", "health"},
                        new String[] {prefix + "/datasets/" + airId + "/download?type=full", "environment/air"});
            case "/folders/{+rest}" ->
                List.<String[]>of(
                        new String[] {prefix + "/folders/health/stats", "health"},
                        new String[] {prefix + "/folders/environment%2Fair/stats", "environment/air"},
                        new String[] {prefix + "/folders/transport/roads/stats", "transport/roads"});
            case "/datasets/export" -> List.<String[]>of(new String[] {prefix + route + "?format=ndjson", null});
            default ->
                List.<String[]>of(
                        new String[] {prefix + route + (route.equals("/datasets") ? "?limit=100" : ""), null});
        };
    }

    @Test
    void everyDeclaredRouteAnswersEachCallerOnlyWhatItsAccessAllows() {
        List<String> broken = new ArrayList<>();
        for (DeclaredRoute route : service.routes().declared()) {
            String method = route.method().text();
            Kind kind = kind(route.path());
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                String who = caller.getKey();
                switch (kind) {
                    case CATALOG -> {
                        for (String[] request : concrete(route.path())) {
                            checkCatalog(broken, method, request[0], request[1], who, caller.getValue());
                        }
                    }
                    case CATALOG_QUERY -> {
                        ApiClient.Response response = api.json(
                                method, route.path(), caller.getValue(), "{\"ids\":[" + healthId + "," + airId + "]}");
                        int expected = who.equals("anonymous") ? 401 : 200;
                        if (response.status() != expected) {
                            broken.add(method + " " + route.path() + " as " + who + ": " + response.status()
                                    + ", expected " + expected);
                        }
                    }
                    case BATCH -> { // the batch passes; each sub-request meets the caller's own access
                        ApiClient.Response response = api.json(
                                method,
                                route.path(),
                                caller.getValue(),
                                "{\"requests\":[{\"id\":\"h\",\"path\":\"/api/v1/datasets/" + healthId + "\"}]}");
                        int expected =
                                who.equals("anonymous") ? 401 : SEES.get(who).test("health") ? 200 : 404;
                        int status = response.status() == 200
                                ? response.json()
                                        .path("responses")
                                        .get(0)
                                        .path("status")
                                        .asInt()
                                : -1;
                        if (status != expected) {
                            broken.add(method + " " + route.path() + " as " + who + ": sub-request " + status
                                    + ", expected " + expected);
                        }
                    }
                    case ADMIN, MONITORING -> {
                        String path = route.path()
                                .replace("{id}", "1")
                                .replace("{keyId}", "1")
                                .replace("{name}", "no-such-run");
                        path = path.endsWith("/stream") ? path + "?events=1" : path;
                        boolean mutating = !method.equals("GET") && !method.equals("HEAD");
                        if (who.equals("admin") && mutating) {
                            continue; // what admins may do is the admin routes' own tests; here: who may not
                        }
                        int status =
                                api.request(method, path, caller.getValue()).status();
                        // the reports folder holds no run: an admin is let through to a 404
                        int allowed = path.contains("/performance/reports/") ? 404 : 200;
                        int expected = who.equals("admin") ? allowed : who.equals("anonymous") ? 401 : 403;
                        if (status != expected) {
                            broken.add(method + " " + path + " as " + who + ": " + status + ", expected " + expected);
                        }
                    }
                    case OWN_ACCOUNT -> {
                        if (who.equals("anonymous")
                                && api.request(method, route.path(), null).status() != 401) {
                            broken.add(method + " " + route.path() + " as anonymous: expected 401");
                        }
                    }
                    case LOGIN, PUBLIC -> {
                        // open to everyone by design: nothing of the catalog behind them
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private void checkCatalog(
            List<String> broken, String method, String path, String folder, String who, String token) {
        ApiClient.Response response = api.request(method, path, token);
        String label = method + " " + path + " as " + who + ": ";
        if (who.equals("anonymous")) {
            if (response.status() != 401 || response.header("WWW-Authenticate") == null) {
                broken.add(label + response.status() + ", expected 401 with a challenge");
            }
            return;
        }
        if (folder != null) { // one dataset or one folder: visible (2xx) or absent (404), nothing else
            int expected = SEES.get(who).test(folder) ? 200 : 404;
            if (response.status() != expected) {
                broken.add(label + response.status() + ", expected " + expected);
            }
            return;
        }
        if (response.status() != 200) {
            broken.add(label + response.status() + ", expected 200");
            return;
        }
        if (method.equals("HEAD")) {
            return;
        }
        Set<String> shown =
                path.contains("/export") ? foldersInLines(response.raw().body()) : foldersIn(response.json());
        Set<String> leaked = new TreeSet<>(shown);
        leaked.removeIf(SEES.get(who));
        if (!leaked.isEmpty()) {
            broken.add(label + "shows folders outside its access: " + leaked);
        }
        if (!response.header("Cache-Control").startsWith("private")) {
            broken.add(label + "a user's answer must be private, not " + response.header("Cache-Control"));
        }
        // A cached catalog answer depends on who asks: a shared cache holding the anonymous one must not
        // hand it to a caller with a token (RFC 9111 4.1).
        String vary = response.header("Vary");
        if (response.header("X-Cache") != null && (vary == null || !vary.contains("Authorization"))) {
            broken.add(label + "a cached catalog answer must vary on Authorization, not " + vary);
        }
    }

    /** Every folder of an NDJSON export. */
    private static Set<String> foldersInLines(String body) {
        Set<String> folders = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    folders.add(Json.mapper().readTree(line).path("folder").asText());
                } catch (IOException e) {
                    throw new AssertionError("not NDJSON: " + line, e);
                }
            }
        }
        return folders;
    }

    /** Every folder a catalog answer names (datasets' folders, folder lists, community data points). */
    private static Set<String> foldersIn(JsonNode body) {
        Set<String> folders = new TreeSet<>();
        JsonNode items = body.has("items") ? body.path("items") : body;
        if (items.isArray()) {
            for (JsonNode item : items) {
                folders.add(
                        item.has("folder")
                                ? item.path("folder").asText()
                                : item.path("name").asText());
            }
        }
        return folders;
    }

    @Test
    void statisticsCountOnlyTheVisibleFolders() {
        long healthCount =
                FIXTURE.stream().filter(d -> d.folder().equals("health")).count();
        long envCount = FIXTURE.stream()
                .filter(d -> d.folder().startsWith("environment"))
                .count();
        assertThat(api.get("/api/v1/stats", tokens.get("health"))
                        .json()
                        .path("totalDatasets")
                        .asLong())
                .isEqualTo(healthCount);
        assertThat(api.get("/api/v1/stats/quick", tokens.get("env"))
                        .json()
                        .path("totalCount")
                        .asLong())
                .isEqualTo(envCount);
        assertThat(api.get("/api/v1/datasets", tokens.get("env"))
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(envCount);
        assertThat(api.get("/api/v1/stats", tokens.get("none"))
                        .json()
                        .path("totalDatasets")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/stats", tokens.get("admin"))
                        .json()
                        .path("totalDatasets")
                        .asLong())
                .isEqualTo(FIXTURE.size());
        assertThat(api.get("/api/v1/datasets?folder=health", tokens.get("env"))
                        .json()
                        .path("total")
                        .asLong())
                .as("a filter naming an invisible folder finds nothing")
                .isZero();
        assertThat(api.get("/api/v1/datasets?q=air&limit=100", tokens.get("health"))
                        .json()
                        .path("items")
                        .findValuesAsText("folder"))
                .as("search")
                .allMatch("health"::equals);
    }

    @Test
    void callersWithTheSameGrantsShareCacheEntriesAndNoEntryCrossesScopes() {
        String path = "/api/v1/datasets?limit=7&sort=-size";
        ApiClient.Response env = api.get(path, tokens.get("env"));
        ApiClient.Response env2 = api.get(path, tokens.get("env2"));
        ApiClient.Response health = api.get(path, tokens.get("health"));
        assertThat(env.header("X-Cache")).isEqualTo("MISS");
        assertThat(env2.header("X-Cache")).as("same grants: the same entry").isEqualTo("HIT");
        assertThat(env2.raw().body()).isEqualTo(env.raw().body());
        assertThat(health.header("X-Cache")).as("other grants: another entry").isEqualTo("MISS");
        assertThat(health.json().path("items").findValuesAsText("folder")).allMatch("health"::equals);
        String cursor = env.json().path("nextCursor").asText();
        ApiClient.Response next = api.get(path + "&cursor=" + cursor, tokens.get("health"));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().path("items").findValuesAsText("folder"))
                .as("a cursor from another scope")
                .allMatch("health"::equals);
    }
}
