package io.headroom.toolkit.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.metrics.LatencySummary;
import io.headroom.toolkit.metrics.RouteSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every rule firing and clearing, through the engine that turns findings into events. */
class AlertEngineTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<AlertEvent> notified = new ArrayList<>();
    private final AlertSettings settings =
            AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_ROUTE_BUDGETS", "/slow/{id}=100")));
    private final AlertEngine engine =
            new AlertEngine(settings.rules(), new AlertHistory(Duration.ofHours(24)), notified::add, clock::get);

    private static AlertInputs healthy() {
        return new AlertInputs(0.10, 0.30, 0.40, 0.10, List.of(route("/ok", 100, 0, 20, 20)), List.of());
    }

    private static RouteSnapshot route(
            String route, long lastMinuteCount, double errorRate, double p95, double previousP95) {
        LatencySummary now = new LatencySummary(lastMinuteCount, 1, p95 / 2, p95 / 2, p95, p95, p95, p95, p95);
        LatencySummary before = new LatencySummary(
                lastMinuteCount,
                1,
                previousP95 / 2,
                previousP95 / 2,
                previousP95,
                previousP95,
                previousP95,
                previousP95,
                previousP95);
        return new RouteSnapshot(
                "GET",
                route,
                lastMinuteCount,
                Math.round(lastMinuteCount * errorRate),
                0,
                0,
                new RouteSnapshot.StatusClasses(0, lastMinuteCount, 0, 0, 0),
                lastMinuteCount,
                errorRate,
                now,
                now,
                now,
                before);
    }

    private List<AlertEvent> evaluate(AlertInputs in) {
        clock.addAndGet(5_000);
        return engine.evaluate(in);
    }

    private void assertFiresAndClears(AlertInputs bad, String key, Severity severity) {
        assertThat(evaluate(healthy())).isEmpty();
        List<AlertEvent> fired = evaluate(bad);
        assertThat(fired).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.state()).isEqualTo(AlertEvent.State.FIRED);
            assertThat(e.severity()).isEqualTo(severity);
        });
        assertThat(engine.active()).extracting(Finding::key).containsExactly(key);
        assertThat(evaluate(bad)).as("still firing: no new event").isEmpty();
        List<AlertEvent> resolved = evaluate(healthy());
        assertThat(resolved).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.state()).isEqualTo(AlertEvent.State.RESOLVED);
        });
        assertThat(engine.active()).isEmpty();
        assertThat(engine.history())
                .extracting(AlertEvent::state)
                .containsExactly(AlertEvent.State.RESOLVED, AlertEvent.State.FIRED);
        assertThat(notified).hasSize(2);
    }

    @Test
    void cpuOverEightyPercentWarns() {
        assertFiresAndClears(
                new AlertInputs(0.85, 0.3, 0.4, 0.1, healthy().routes(), List.of()), "cpu", Severity.WARNING);
    }

    @Test
    void heapOverNinetyFivePercentIsCritical() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.97, 0.4, 0.1, healthy().routes(), List.of()), "heap", Severity.CRITICAL);
    }

    @Test
    void diskOverNinetyPercentWarns() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.91, 0.1, healthy().routes(), List.of()), "disk", Severity.WARNING);
    }

    @Test
    void poolUtilisationOverEightyPercentWarns() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.9, healthy().routes(), List.of()), "pool", Severity.WARNING);
    }

    @Test
    void routeErrorRateOverFivePercentWarns() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0.08, 20, 20)), List.of()),
                "error-rate:GET /ok",
                Severity.WARNING);
    }

    @Test
    void p95OverTwiceTheRouteBudgetIsCritical() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/slow/{id}", 100, 0, 250, 250)), List.of()),
                "p95-budget:GET /slow/{id}",
                Severity.CRITICAL);
    }

    @Test
    void p95OneAndAHalfTimesThePreviousMinuteAndFiftyMsAboveItIsADegradation() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 150, 100)), List.of()),
                "degradation:GET /ok",
                Severity.WARNING);
    }

    @Test
    void p95ThreeTimesThePreviousMinuteAndFiftyMsAboveItIsACriticalDegradation() {
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 75, 25)), List.of()),
                "degradation:GET /ok",
                Severity.CRITICAL);
    }

    @Test
    void aLargeRatioOfATinyP95IsNoDegradation() {
        // 2 ms → 7 ms at idle: 3.5× (critical by the ratio alone) but 5 ms, under the 50 ms minimum change
        assertThat(evaluate(new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 7, 2)), List.of())))
                .isEmpty();
        assertThat(evaluate(new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 51.9, 2)), List.of())))
                .isEmpty();
    }

    @Test
    void aLargeIncreaseUnderTheRatioIsNoDegradation() {
        // +400 ms, far over the minimum change, but 1.4×: under the 1.5× ratio
        assertThat(evaluate(new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 1400, 1000)), List.of())))
                .isEmpty();
    }

    @Test
    void theMinimumChangeIsASettingAndZeroLeavesTheRatioAlone() {
        AlertSettings ratioOnly = AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_DEGRADATION_MIN_MS", "0")));
        AlertInputs idle = new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 7, 2)), List.of());
        assertThat(new AlertRule.Degradation(ratioOnly.degradationRatio(), ratioOnly.degradationMinMs(), 20)
                        .evaluate(idle))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.CRITICAL);
        AlertSettings strict = AlertSettings.from(new Settings(Map.of("HEADROOM_ALERT_DEGRADATION_MIN_MS", "500")));
        AlertInputs slower = new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 100, 0, 500, 100)), List.of());
        assertThat(new AlertRule.Degradation(strict.degradationRatio(), strict.degradationMinMs(), 20).evaluate(slower))
                .isEmpty();
    }

    @Test
    void heapAfterGcGrowingAcrossSixSamplesIsALeak() {
        List<Long> growing =
                List.of(100L << 20, 100L << 20, 110L << 20, 120L << 20, 130L << 20, 140L << 20, 150L << 20);
        assertFiresAndClears(
                new AlertInputs(0.1, 0.3, 0.4, 0.1, healthy().routes(), growing), "heap-leak", Severity.WARNING);
    }

    @Test
    void heapAfterGcThatFallsBackIsNoLeak() {
        List<Long> sawTooth =
                List.of(100L << 20, 110L << 20, 120L << 20, 90L << 20, 130L << 20, 140L << 20, 150L << 20);
        assertThat(evaluate(new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(), sawTooth)))
                .isEmpty();
    }

    @Test
    void routesWithTooFewRequestsNeverAlert() {
        assertThat(evaluate(new AlertInputs(0.1, 0.3, 0.4, 0.1, List.of(route("/ok", 5, 1.0, 5000, 10)), List.of())))
                .isEmpty();
    }

    @Test
    void unknownValuesNeverAlert() {
        assertThat(evaluate(new AlertInputs(-1, -1, -1, -1, List.of(), List.of())))
                .isEmpty();
    }

    @Test
    void escalationFromWarningToCriticalIsANewEvent() {
        evaluate(new AlertInputs(0.85, 0.3, 0.4, 0.1, List.of(), List.of()));
        List<AlertEvent> escalated = evaluate(new AlertInputs(0.99, 0.3, 0.4, 0.1, List.of(), List.of()));
        assertThat(escalated).singleElement().extracting(AlertEvent::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void historyForgetsEventsOlderThanTwentyFourHours() {
        evaluate(new AlertInputs(0.85, 0.3, 0.4, 0.1, List.of(), List.of()));
        assertThat(engine.history()).hasSize(1);
        clock.addAndGet(Duration.ofHours(25).toMillis());
        assertThat(engine.history()).isEmpty();
    }
}
