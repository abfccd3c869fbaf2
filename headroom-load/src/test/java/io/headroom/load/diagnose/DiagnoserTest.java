package io.headroom.load.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.load.diagnose.Finding.Category;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each cause on synthetic but consistent summaries: the right one comes first, with its evidence and impact. */
class DiagnoserTest {

    private static final String ROUTE = "GET /api/v1/datasets";
    private static final String LABEL = "GET /api/v1/datasets?limit=5";

    @Test
    void poolSaturationComesBeforeABusyMachineWhenThePoolWaitIsWhatTheRequestsWaitedFor() {
        RunEvidence ev = new SummaryFixture(LABEL, 10, 18, 20, 9.5, 19, 0)
                .openModel()
                .monitored()
                .clientSeconds(10, 10, 20, 1, 0.3)
                .serverSeconds(
                        10,
                        ROUTE,
                        9,
                        p -> p.set("pool.waiting", 6)
                                .set("pool.active", 2)
                                .set("pool.max", 2)
                                .set("pool.waitMs", 7 + p.second() % 2)
                                .set("systemCpu", 0.95)
                                .set("cpu", 0.6))
                .evidence();

        Diagnosis d = Diagnoser.diagnose(ev);

        assertThat(d.serverSide()).isTrue();
        Finding first = d.findings().getFirst();
        assertThat(first.category()).isEqualTo(Category.DATABASE);
        assertThat(first.title())
                .startsWith("Database connection pool saturated")
                .contains("pool of 2");
        assertThat(first.impact()).isBetween(7, 8); // 7-8 ms of a 10 ms median
        assertThat(first.labels()).containsExactly(LABEL);
        assertThat(first.routes()).containsExactly(ROUTE);
        assertThat(first.evidence().getFirst().secondsCrossed()).isEqualTo(10);
        assertThat(d.findings()).extracting(Finding::category).contains(Category.SYSTEM);
        assertThat(d.findings().get(1).impact()).isLessThan(first.impact());
    }

    @Test
    void failuresWhileThePoolHadWaitersAreThePoolsNotAnApplicationError() {
        // bench/diagnose-faults.sh's pool case: a pool of 2 answers 503 to requests that got no connection in time
        SummaryFixture fixture = new SummaryFixture(LABEL, 900, 1800, 2000, 890, 1990, 0.18)
                .openModel()
                .monitored()
                .clientSeconds(10, 900, 2000, 1, 0.3)
                .serverSeconds(
                        10,
                        ROUTE,
                        880,
                        p -> p.set("pool.waiting", 20)
                                .set("pool.active", 2)
                                .set("pool.max", 2)
                                .set("pool.waitMs", 300));
        for (int i = 4; i < 10; i++) { // 30 of 100 requests failed in seconds 5-10: 18 % of the run
            ((ObjectNode) fixture.json().get("series").get(i)).put("errorsPerSecond", 30);
        }

        Diagnosis d = Diagnoser.diagnose(fixture.evidence());

        Finding first = d.findings().getFirst();
        assertThat(first.category()).isEqualTo(Category.DATABASE);
        assertThat(first.title())
                .startsWith("Database connection pool saturated")
                .contains("18.0% of requests failed while it was saturated");
        assertThat(first.impact()).isEqualTo(9); // 5 x 18 % of failures, more than the 33 % the wait explains
        assertThat(d.findings()).extracting(Finding::category).doesNotContain(Category.APPLICATION);
    }

    @Test
    void aFullPoolBehindAnAdmissionLimitIsThePoolsFaultThoughNothingWaitsInThePool() {
        // the Explorer's database admission limit queues and sheds before the pool: the pool shows every
        // connection in use and no waiter, while 9 of 10 requests are answered 503
        SummaryFixture fixture = new SummaryFixture(LABEL, 500, 640, 650, 480, 640, 0.9)
                .openModel()
                .monitored()
                .clientSeconds(10, 500, 650, 1, 0.3)
                .serverSeconds(
                        10,
                        ROUTE,
                        480,
                        p -> p.set("pool.waiting", 0)
                                .set("pool.active", 2)
                                .set("pool.max", 2)
                                .set("pool.waitMs", 0));
        for (int i = 0; i < 10; i++) {
            ((ObjectNode) fixture.json().get("series").get(i)).put("errorsPerSecond", 90);
        }

        Diagnosis d = Diagnoser.diagnose(fixture.evidence());

        Finding first = d.findings().getFirst();
        assertThat(first.category()).isEqualTo(Category.DATABASE);
        assertThat(first.title())
                .startsWith("Database connection pool saturated")
                .contains("pool of 2, 2 active");
        assertThat(first.evidence())
                .filteredOn(e -> e.series().equals("server.pool.active"))
                .singleElement()
                .extracting(Finding.Evidence::secondsCrossed)
                .isEqualTo(10);
        assertThat(d.findings()).extracting(Finding::category).doesNotContain(Category.APPLICATION);
    }

    @Test
    void aServiceSaturatingTheCoresItMayUseIsCpuNotTimeOutsideTheServer() {
        // bench/diagnose-faults.sh's heap case at 400/s: the service pinned to one core of two and saturated,
        // its requests queueing before the handler; as a share of the machine its CPU reads 0.5
        RunEvidence ev = new SummaryFixture(LABEL, 400, 600, 650, 400, 650, 0)
                .openModel()
                .monitored()
                .clientSeconds(10, 400, 650, 1, 0.2)
                .serverSeconds(
                        10,
                        ROUTE,
                        2,
                        p -> p.set("cpu", 0.5).set("systemCpu", 0.65).set("cpuOfAvailable", 0.99))
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.SYSTEM);
        assertThat(first.title()).startsWith("CPU saturated: the service at 99% of the CPUs it may use");
        assertThat(Diagnoser.diagnose(ev).findings())
                .extracting(Finding::title)
                .noneMatch(t -> t.startsWith("Time outside the server"));
    }

    @Test
    void aPoolInUseWithoutWaitsOrFailuresIsNoFinding() {
        RunEvidence ev = new SummaryFixture(LABEL, 10, 18, 20, 9.5, 19, 0)
                .openModel()
                .monitored()
                .clientSeconds(10, 10, 20, 1, 0.3)
                .serverSeconds(10, ROUTE, 9, p -> p.set("pool.active", 2).set("pool.max", 2))
                .evidence();

        assertThat(Diagnoser.diagnose(ev).findings())
                .extracting(Finding::title)
                .noneMatch(t -> t.startsWith("Database connection pool saturated"));
    }

    @Test
    void withoutServerFiguresTheDiagnosisIsClientSideAndNamesTheGeneratorWhenItSentLate() {
        RunEvidence ev = new SummaryFixture(LABEL, 40, 250, 300, 2, 20, 0)
                .openModel()
                .clientSeconds(10, 40, 300, 250, 0.45)
                .evidence();

        Diagnosis d = Diagnoser.diagnose(ev);

        assertThat(d.serverSide()).isFalse();
        assertThat(d.note()).startsWith("client-side analysis only: no server was monitored");
        Finding first = d.findings().getFirst();
        assertThat(first.category()).isEqualTo(Category.LOAD_GENERATOR);
        assertThat(first.impact()).isEqualTo(9); // 280 of 300 ms
        assertThat(first.evidence().getFirst().note()).contains("response p99 300.0 ms against service p99 20.0 ms");
    }

    @Test
    void aGeneratorThatUsesTheWholeMachineIsNamedEvenInTheClosedModel() {
        RunEvidence ev = new SummaryFixture(LABEL, 4, 8, 10, 4, 10, 0)
                .clientSeconds(10, 4, 10, 0, 0.97)
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.LOAD_GENERATOR);
        assertThat(first.evidence()).extracting(Finding.Evidence::series).containsExactly("generator.cpu");
    }

    @Test
    void gcTimeAndPausesAreASystemFinding() {
        RunEvidence ev = new SummaryFixture(LABEL, 30, 90, 120, 29, 119, 0)
                .openModel()
                .monitored()
                .clientSeconds(8, 30, 120, 1, 0.2)
                .serverSeconds(
                        8,
                        ROUTE,
                        28,
                        p -> p.set("gc.timeMsPerSecond", 180)
                                .set("gc.pauseMs", 90)
                                .set("gc.count", 2))
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.SYSTEM);
        assertThat(first.title())
                .startsWith("Garbage collection: 18% of the time in GC")
                .contains("pauses up to 90 ms");
        assertThat(first.recommendations().getFirst().text()).contains("-Xmx");
    }

    @Test
    void aMachineBurnedByAnotherProcessIsCpuSaturationByOthers() {
        RunEvidence ev = new SummaryFixture(LABEL, 20, 60, 80, 19.5, 79, 0)
                .openModel()
                .monitored()
                .clientSeconds(8, 20, 80, 2, 0.1)
                .serverSeconds(8, ROUTE, 19, p -> p.set("systemCpu", 1.0).set("cpu", 0.15))
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.SYSTEM);
        assertThat(first.title()).startsWith("CPU saturated by other processes");
        assertThat(first.recommendations().getFirst().text()).contains("Stop or move what else runs");
    }

    @Test
    void databaseTimeNamesTheStatementWithTheMostTotalTime() {
        String sql = "SELECT * FROM datasets WHERE lower(name) LIKE ? ORDER BY name LIMIT ?";
        RunEvidence ev = new SummaryFixture(LABEL, 12, 20, 25, 11.8, 24, 0)
                .openModel()
                .monitored()
                .statement("SELECT count(*) FROM datasets", 100, 50, ROUTE)
                .statement(sql, 1000, 9000, ROUTE)
                .clientSeconds(6, 12, 25, 1, 0.2)
                .serverSeconds(6, ROUTE, 11.5, p -> p.set("db.timeMsPerRequest", 9))
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.DATABASE);
        assertThat(first.title())
                .startsWith("Database time: 9.0 ms per request, 75% of the median response")
                .contains(sql);
        assertThat(first.labels()).containsExactly(LABEL);
    }

    @Test
    void aColdCacheKeyspaceIsAnApplicationFinding() {
        RunEvidence ev = new SummaryFixture(LABEL, 5, 9, 10, 4.8, 9.5, 0)
                .openModel()
                .monitored()
                .clientSeconds(6, 5, 10, 1, 0.2)
                .serverSeconds(6, ROUTE, 4.5, p -> p.keyspace("datasets", 0.2).keyspace("folders", 0.99))
                .evidence();

        Finding first = Diagnoser.diagnose(ev).findings().getFirst();

        assertThat(first.category()).isEqualTo(Category.APPLICATION);
        assertThat(first.title()).isEqualTo("Cache misses: keyspace 'datasets' hit rate 20% (median second)");
    }

    @Test
    void aQuietRunHasNoFindingAndTheTextSaysSo() {
        RunEvidence ev = new SummaryFixture(LABEL, 2, 3, 4, 1.9, 3.9, 0)
                .openModel()
                .monitored()
                .clientSeconds(5, 2, 4, 0.2, 0.1)
                .serverSeconds(5, ROUTE, 1.8, p -> {})
                .evidence();
        Diagnosis d = Diagnoser.diagnose(ev);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DiagnosisText.print(d, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(d.findings()).isEmpty();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("No bottleneck found");
    }

    @Test
    void routesAreTiedToLabelsNamedByMethodAndPath() {
        assertThat(RouteLabels.matches("GET /api/v1/datasets/{id}", "GET /api/v1/datasets/42"))
                .isTrue();
        assertThat(RouteLabels.matches("GET /api/v1/datasets/{id}", "GET /api/v1/datasets/42/sample"))
                .isFalse();
        assertThat(RouteLabels.matches("GET /api/v1/datasets", "GET http://h:8080/api/v1/datasets?limit=5"))
                .isTrue();
        assertThat(RouteLabels.matches("GET /api/v1/datasets", "POST /api/v1/datasets"))
                .isFalse();
        assertThat(RouteLabels.matches("GET /api/v1/datasets", "browse datasets"))
                .isFalse();
    }

    @Test
    void withoutServerFiguresATargetThatHeldEveryVuIsSaidNotToKeepUp() {
        var fixture = new SummaryFixture(LABEL, 9000, 14000, 15000, 8000, 13000, 0)
                .openModel()
                .clientSeconds(10, 9000, 15000, 20, 0.2);
        fixture.json().withObject("behindSchedule").put("maxVus", 40);
        // every VU busy for 7 s, then the queue drains (late sends, VUs free): the lateness is the target's
        fixture.json()
                .withArray("series")
                .forEach(p ->
                        ((ObjectNode) p).put("vus", p.path("elapsedSeconds").asInt() <= 7 ? 40 : 10));

        Diagnosis d = Diagnoser.diagnose(fixture.evidence());

        assertThat(d.findings())
                .extracting(Finding::title)
                .anySatisfy(
                        t -> assertThat(t)
                                .startsWith(
                                        "The target did not keep up: every VU was waiting for a response in 70% of the seconds"));
        assertThat(d.findings()).extracting(Finding::category).doesNotContain(Category.LOAD_GENERATOR);
    }
}
