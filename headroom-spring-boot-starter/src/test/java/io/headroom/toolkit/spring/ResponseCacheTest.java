package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.cache.KeyspaceStats;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The response cache over real HTTP on Tomcat, in the starter's test application. */
@SpringBootTest(
        classes = CachedRoutesApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "headroom.response-cache.routes[0].pattern=" + CachedRoutesApplication.LISTED,
            "headroom.response-cache.routes[0].keyspace=listed",
            "headroom.http.cache-control[/plain/{id}]=public, max-age=60"
        })
class ResponseCacheTest {
    @LocalServerPort
    int port;

    @Autowired
    CachedRoutesApplication.Routes routes;

    @Autowired
    CachedRoutesApplication.Interceptors interceptors;

    @Autowired
    TwoLevelCache cache;

    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    @AfterEach
    void openTheGate() {
        routes.gate.countDown();
    }

    @Test
    void concurrentMissesOfOneKeyRunTheHandlerOnce() {
        int requests = 8;
        int runsBefore = routes.pageRuns.get();
        long hitsBefore = pages().hits();
        routes.gate = new CountDownLatch(1);

        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, requests)
                .mapToObj(i -> http.getAsync("/pages/cold"))
                .toList();
        // Every other request has joined the first one's load (the cache counts a joiner as a hit as it joins)
        // while that load is held at the gate; only then may it finish.
        Await.until(
                Duration.ofSeconds(20),
                "the handler entered once and " + (requests - 1) + " requests waiting on its load",
                () -> routes.pageRuns.get() == runsBefore + 1 && pages().hits() == hitsBefore + requests - 1);
        routes.gate.countDown();

        List<HttpResponse<String>> done =
                answers.stream().map(CompletableFuture::join).toList();
        assertThat(done).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"page\":\"cold\"}");
        });
        assertThat(done.stream().map(r -> r.headers().firstValue("X-Cache").orElseThrow()))
                .containsExactlyInAnyOrder(
                        "MISS", "HIT", "HIT", "HIT", "HIT", "HIT", "HIT", "HIT"); // one run, seven waited for it
        assertThat(done.stream().map(r -> r.headers().firstValue("ETag").orElseThrow()))
                .containsOnly(done.get(0).headers().firstValue("ETag").orElseThrow());
        assertThat(routes.pageRuns.get()).isEqualTo(runsBefore + 1);
    }

    @Test
    void aRouteListedInPropertiesIsServedFromTheCache() {
        int runsBefore = routes.listedRuns.get();

        HttpResponse<String> miss = http.get("/listed/7");
        HttpResponse<String> hit = http.get("/listed/7");

        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(hit.body()).isEqualTo(miss.body()).isEqualTo("{\"listed\":\"7\"}");
        assertThat(routes.listedRuns.get()).isEqualTo(runsBefore + 1);
        assertThat(cache.keyspaceStats("listed")).isPresent();
    }

    @Test
    void ifModifiedSinceGives304OnACachedRoute() {
        HttpResponse<String> miss = http.get("/pages/dated");
        String lastModified = miss.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<String> notModified = http.get("/pages/dated", "If-Modified-Since", lastModified);

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(notModified.headers().firstValue("Last-Modified")).hasValue(lastModified);
    }

    @Test
    void theCacheControlPropertySetsThePolicyOfAnUncachedRoute() {
        HttpResponse<String> plain = http.get("/plain/1");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(plain.headers().firstValue("X-Cache")).isEmpty();
    }

    @Test
    void anAnswerThatIsNotA200GoesOutAsWrittenAndIsNotKept() {
        int runsBefore = routes.listedRuns.get();

        HttpResponse<String> first = http.get("/listed/gone");
        HttpResponse<String> second = http.get("/listed/gone");

        assertThat(first.statusCode()).isEqualTo(410);
        assertThat(first.body()).isEqualTo("{\"gone\":\"gone\"}");
        assertThat(first.headers().firstValue("X-Cache")).hasValue("BYPASS");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("BYPASS");
        assertThat(routes.listedRuns.get()).isEqualTo(runsBefore + 2);
    }

    @Test
    void aHandlersExceptionReachesSpringsErrorHandlingAndNothingIsKept() {
        int runsBefore = routes.pageRuns.get();

        HttpResponse<String> first = http.get("/pages/missing");
        HttpResponse<String> second = http.get("/pages/missing");

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(second.statusCode()).isEqualTo(404);
        assertThat(routes.pageRuns.get()).isEqualTo(runsBefore + 2);
    }

    @Test
    void theApplicationsInterceptorsRunBeforeTheCacheAnswers() {
        int seenBefore = interceptors.pagesSeen.get();

        assertThat(http.get("/pages/guarded").headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(http.get("/pages/guarded").headers().firstValue("X-Cache")).hasValue("HIT");

        assertThat(interceptors.pagesSeen.get()).isEqualTo(seenBefore + 2);
    }

    private KeyspaceStats pages() {
        return cache.keyspaceStats("pages").orElseThrow();
    }
}
