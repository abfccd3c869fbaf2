package io.headroom.explorer.web.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LakeFiles;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.web.fuzz.RouteReach.Reached;
import io.headroom.explorer.web.fuzz.WireClient.Exchange;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the whole HTTP surface of the real service, once per database (H2 and PostgreSQL
 * subclasses). The routes come from the service's own routing table ({@code Routes.declared()}),
 * so a new route is fuzzed without editing this test. Three parts:
 * <ol>
 *   <li>every route is first reached with a 2xx, from values the service itself showed;</li>
 *   <li>a fixed corpus of every hostile request we know of, one named test each;</li>
 *   <li>seeded random requests on every route: methods, path parameters derived from the template,
 *   queries, headers, credentials and bodies. The seed is new each run and printed; rerun a failure
 *   with {@code -Dheadroom.fuzz.seed=<seed>}. Every failure also prints the exact request.</li>
 * </ol>
 * Every exchange must satisfy {@link ExchangeChecks}: an answer or a close within the deadline, no
 * 5xx, problem+json 4xx, no SQL or stack trace in the body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpFuzzContract {
    private static final List<DatasetMetadata> FIXTURE = CatalogFixture.datasets(57);
    private static final int REQUESTS_PER_ROUTE = Integer.getInteger("headroom.fuzz.requestsPerRoute", 10);
    private static final Duration DEADLINE = Duration.ofMillis(Long.getLong("headroom.fuzz.deadlineMillis", 5_000));
    private static final int REPORTED = 25;

    @TempDir
    static Path tempDir;

    private DatabaseUnderTest database;
    private ServiceUnderTest service;
    private WireClient client;
    private List<FuzzRoute> routes;
    private Map<FuzzRoute, Reached> reached;
    private FuzzDictionary dictionary;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeAll
    void startAndReachEveryRoute() throws IOException {
        LakeFiles.write(tempDir.resolve("lake"), FIXTURE);
        // One load-test run in the reports folder ($HEADROOM_DATA_DIR/load-reports), so a run's routes can answer 2xx.
        // It is named "GET", the text the harvested documents repeat most (every route's method), so the
        // dictionary's likeliest texts include it even behind the page's many linked asset names.
        Path run = Files.createDirectories(tempDir.resolve("load-reports").resolve("GET"));
        Files.writeString(
                run.resolve("summary.json"), "{\"scenario\":\"smoke\",\"passed\":true,\"total\":{\"count\":1}}");
        Files.writeString(run.resolve("report.html"), "<!doctype html><title>smoke</title><p>1 request</p>");
        database = openDatabase(tempDir);
        // The server's own header-read deadline (where the HTTP layer has one) under the test's deadline:
        // a request line that never completes must be closed by the server, not outlast the client.
        service = ServiceUnderTest.start(
                database,
                tempDir,
                new FixedLake(FIXTURE),
                Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                Map.of("HTTP_HEADER_READ_TIMEOUT", DEADLINE.dividedBy(2).toMillis() + "ms"));
        service.awaitRefresh(1);
        client = new WireClient(service.port(), DEADLINE);
        routes = FuzzRoute.of(service.routes());
        RouteReach reach = new RouteReach(
                client,
                ServiceUnderTest.ADMIN_TOKEN,
                new BodyExamples(client, ServiceUnderTest.ADMIN_TOKEN, ServiceUnderTest.ADMIN_PASSWORD));
        long start = System.nanoTime();
        reached = reach.reach(routes);
        dictionary = reach.dictionary();
        System.out.printf(
                "%s: %d routes in the table, %d reached with a 2xx in %d ms (%d requests)%n",
                getClass().getSimpleName(),
                routes.size(),
                reached.values().stream().filter(Reached::succeeded).count(),
                (System.nanoTime() - start) / 1_000_000,
                reached.values().stream().mapToInt(Reached::attempts).sum());
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theRoutingTableListsEveryRouteOnce() {
        assertThat(routes)
                .extracting(FuzzRoute::toString)
                .doesNotHaveDuplicates()
                .contains(
                        "GET /api/health",
                        "GET /api/v1/datasets/{id}/sample",
                        "GET /api/datasets/{id}/sample",
                        "POST /api/v1/admin/refresh",
                        "DELETE /api/v1/admin/cache",
                        "GET /metrics");
    }

    @Test
    void everyRouteAnswersA2xxToSomeRequestBuiltFromTheTable() {
        assertThat(dictionary.isEmpty())
                .as("values harvested from the parameterless GET routes")
                .isFalse();
        List<String> unreached = reached.values().stream()
                .filter(r -> !r.succeeded())
                .map(r -> r.route() + ": last status " + r.status() + " after " + r.attempts() + " attempts")
                .toList();
        assertThat(unreached).as("routes the fuzzer could not reach with a 2xx").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> hostileCorpus() {
        return HostileCorpus.of(routes, reached, ServiceUnderTest.ADMIN_TOKEN).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    List<String> broken = new ArrayList<>();
                    for (WireRequest request : c.requests()) {
                        Exchange exchange = client.send(request);
                        System.out.println("case '" + c.name() + "': " + exchange.ending()
                                + (exchange.response() == null
                                        ? ""
                                        : " " + exchange.response().status()));
                        List<String> violations =
                                new ArrayList<>(ExchangeChecks.violations(exchange, c.permittedServerError()));
                        violations.addAll(c.expectation().violations(exchange));
                        if (!violations.isEmpty()) {
                            broken.add(String.join("; ", violations) + "\n  " + exchange.describe());
                        }
                    }
                    assertThat(broken).as("case '%s'", c.name()).isEmpty();
                }));
    }

    @Test
    void seededRandomRequestsOnEveryRouteBreakNoRule() {
        long seed =
                Optional.ofNullable(Long.getLong("headroom.fuzz.seed")).orElseGet(() -> new SecureRandom().nextLong());
        System.out.println(
                getClass().getSimpleName() + " fuzz seed " + seed + " (rerun with -Dheadroom.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        RandomRequests generator = new RandomRequests(new RequestParts(ServiceUnderTest.ADMIN_TOKEN), dictionary);
        Map<String, long[]> before = recordedByRoute();
        List<String> failures = new ArrayList<>();
        Map<String, Long> sheds = new HashMap<>(); // 503s with Retry-After the client saw, per route
        int sent = 0;
        long start = System.nanoTime();
        for (int round = 0; round < REQUESTS_PER_ROUTE; round++) {
            for (FuzzRoute route : routes) {
                String example = reached.get(route).example();
                WireRequest request = round == 0
                        ? generator.anchored(random, route, example)
                        : generator.next(random, route, example);
                Exchange exchange = client.send(request);
                sent++;
                if (exchange.response() != null && ExchangeChecks.isShed(exchange.response())) {
                    sheds.merge(route.toString(), 1L, Long::sum);
                }
                List<String> broken = ExchangeChecks.violations(exchange);
                if (!broken.isEmpty()) {
                    failures.add("#" + sent + " on " + route + ": " + String.join("; ", broken) + "\n  "
                            + exchange.describe());
                }
            }
        }
        System.out.printf("%d random requests in %d ms%n", sent, (System.nanoTime() - start) / 1_000_000);
        failures.forEach(System.out::println); // all of them; the assertion shows the first few
        failures.addAll(0, serverSideFailures(before, sheds));
        assertThat(failures.stream().limit(REPORTED).toList())
                .as(
                        "seed %d: %d rules broken over %d random requests (first %d shown)",
                        seed, failures.size(), sent, REPORTED)
                .isEmpty();
    }

    /**
     * The server's own request monitor, which records each request under the route template that
     * matched it, must show every declared route matched during the random run (so the fuzzer got
     * past routing on each), and no 5xx beyond the sheds the client saw (503 with Retry-After), not even
     * one the client could not see (a broken stream).
     */
    private List<String> serverSideFailures(Map<String, long[]> before, Map<String, Long> sheds) {
        List<String> failures = new ArrayList<>();
        AtomicReference<Map<String, long[]>> after = new AtomicReference<>(before);
        try {
            Await.until(Duration.ofSeconds(10), "the request monitor to show every declared route matched", () -> {
                after.set(recordedByRoute());
                return routes.stream()
                        .allMatch(r -> count(after.get(), r.toString(), 0) > count(before, r.toString(), 0));
            });
        } catch (AssertionError e) {
            routes.stream()
                    .map(FuzzRoute::toString)
                    .filter(r -> count(after.get(), r, 0) <= count(before, r, 0))
                    .forEach(r -> failures.add("server side: no random request matched " + r));
        }
        after.get().keySet().stream()
                .filter(k -> count(after.get(), k, 1) - count(before, k, 1) > sheds.getOrDefault(k, 0L))
                .sorted()
                .forEach(k -> failures.add("server side: " + (count(after.get(), k, 1) - count(before, k, 1))
                        + " x 5xx on " + k + ", of which " + sheds.getOrDefault(k, 0L) + " sheds the client saw"));
        return failures;
    }

    /** "METHOD template" → {requests, 5xx} from the service's performance document. */
    private Map<String, long[]> recordedByRoute() {
        Exchange exchange = client.send(WireRequest.http("GET", "/api/performance/stats?recent=0&history=0")
                .header("Authorization", "Bearer " + ServiceUnderTest.ADMIN_TOKEN)
                .header("Connection", "close")
                .build());
        assertThat(exchange.response()).as(exchange.describe()).isNotNull();
        Map<String, long[]> counts = new HashMap<>();
        try {
            for (JsonNode route : Json.mapper()
                    .readTree(exchange.response().body())
                    .path("requests")
                    .path("routes")) {
                counts.put(
                        route.path("method").asText() + " "
                                + route.path("route").asText(),
                        new long[] {
                            route.path("count").asLong(),
                            route.path("status").path("s5xx").asLong()
                        });
            }
        } catch (IOException e) {
            throw new AssertionError("the performance document is not JSON: " + exchange.describe(), e);
        }
        return counts;
    }

    private static long count(Map<String, long[]> counts, String key, int index) {
        long[] values = counts.get(key);
        return values == null ? 0 : values[index];
    }
}
