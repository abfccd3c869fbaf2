package io.headroom.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.testing.Balancer;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.Exchange;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LoadClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.explorer.testing.SteadyLoad;
import io.headroom.toolkit.testing.TestRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart (RES-3): two instances on one PostgreSQL and one Redis behind a client that, like a
 * load balancer, sends only to instances whose readiness answers 200. Under a steady load each instance in
 * turn goes through its SIGTERM sequence ({@link ExplorerServer#shutdown()}: not ready, still serving for
 * the shutdown delay, draining, closing) and starts again on its port. No request an instance admitted
 * fails; requests it never admitted (refused while it was down) went to the other one.
 */
class RollingRestartPostgresTest {
    private static final int DATASETS = 20;

    @TempDir
    Path tempDir;

    @Test
    void restartingEachInstanceInTurnUnderLoadFailsNoAdmittedRequest() {
        TestRedis redis = TestRedis.require();
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            FixedLake lake = new FixedLake(CatalogFixture.datasets(DATASETS));
            Map<String, String> settings = Map.of(
                    "REDIS_URL", redis.url(), "CACHE_KEY_PREFIX", redis.keyPrefix(), "CACHE_WARM_INTERVAL", "off");
            List<ServiceUnderTest> instances =
                    new ArrayList<>(ServiceUnderTest.twoInstances(database, tempDir, lake, settings));
            try {
                List<Integer> ports =
                        instances.stream().map(ServiceUnderTest::port).toList();
                List<Restart> restarts = new ArrayList<>();
                List<Exchange> exchanges;
                try (Balancer balancer = new Balancer(new LoadClient(), ports)) {
                    ports.forEach(port -> balancer.awaitReady(port, true));
                    SteadyLoad load = SteadyLoad.start(4, n -> balancer.get(path(n)));
                    try {
                        load.awaitMore(100);
                        for (int i = 0; i < instances.size(); i++) {
                            int port = ports.get(i);
                            long stopping = System.nanoTime();
                            instances.get(i).server().shutdown(); // what serve's SIGTERM hook calls
                            long stopped = System.nanoTime();
                            Map<String, String> samePort = new HashMap<>(settings);
                            samePort.put("HEADROOM_PORT", Integer.toString(port));
                            instances.set(
                                    i,
                                    ServiceUnderTest.start(
                                            database,
                                            tempDir.resolve(i == 0 ? "a" : "b"),
                                            lake,
                                            Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                                            samePort));
                            balancer.awaitReady(port, true);
                            restarts.add(new Restart(port, stopping, stopped, System.nanoTime()));
                            load.awaitMore(100); // both serve again before the next one goes
                        }
                    } finally {
                        exchanges = load.stop();
                    }
                    report(exchanges, balancer.retried(), restarts);
                    assertThat(exchanges)
                            .as("every request was admitted by an instance (retried elsewhere if one never took it)")
                            .allMatch(Exchange::responseStarted);
                    assertThat(exchanges).as("every admitted request succeeded").allMatch(Exchange::ok);
                }
                for (Restart restart : restarts) {
                    assertThat(exchanges)
                            .as("the other instance served while :%d stopped", restart.port())
                            .anyMatch(
                                    e -> e.port() != restart.port() && e.within(restart.stopping(), restart.stopped()));
                    assertThat(exchanges)
                            .as(":%d served again after its restart", restart.port())
                            .anyMatch(e -> e.port() == restart.port() && e.sentNanos() > restart.ready());
                }
            } finally {
                instances.forEach(ServiceUnderTest::close);
            }
        }
    }

    /** One instance's stop and start again ({@link System#nanoTime()}): stop began, the old one closed, the new one ready. */
    private record Restart(int port, long stopping, long stopped, long ready) {}

    /** Cached and uncached reads: a dataset (cached after its first read), a list no one asked for yet, the stats. */
    private static String path(long n) {
        return switch ((int) (n % 3)) {
            case 0 -> "/api/v1/datasets/" + (1 + n % DATASETS);
            case 1 -> "/api/v1/datasets?minSize=" + n;
            default -> "/api/v1/stats";
        };
    }

    private static void report(List<Exchange> exchanges, List<Exchange> retried, List<Restart> restarts) {
        long seconds = Math.max(
                1,
                (exchanges.get(exchanges.size() - 1).endedNanos()
                                - exchanges.get(0).sentNanos())
                        / 1_000_000_000L);
        System.out.printf(
                "rolling restart: %d requests in %d s, %d failed after being admitted, %d attempts never admitted "
                        + "(sent again elsewhere: %s)%n",
                exchanges.size(),
                seconds,
                exchanges.stream().filter(e -> e.responseStarted() && !e.ok()).count(),
                retried.size(),
                retried.stream().map(Exchange::failure).distinct().toList());
        for (Restart restart : restarts) {
            System.out.printf(
                    "  :%d stop took %d ms, it answered %d requests meanwhile (%d with Connection: close); ready again %d ms"
                            + " later%n",
                    restart.port(),
                    (restart.stopped() - restart.stopping()) / 1_000_000,
                    exchanges.stream()
                            .filter(e -> e.port() == restart.port()
                                    && e.endedNanos() > restart.stopping()
                                    && e.endedNanos() <= restart.stopped())
                            .count(),
                    exchanges.stream()
                            .filter(e -> e.port() == restart.port() && "close".equalsIgnoreCase(e.header("Connection")))
                            .count(),
                    (restart.ready() - restart.stopped()) / 1_000_000);
        }
    }
}
