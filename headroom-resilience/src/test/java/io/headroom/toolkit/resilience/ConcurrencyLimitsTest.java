package io.headroom.toolkit.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.resilience.ConcurrencyLimits.Admit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {
    @Test
    void aWaiterIsRefusedOnceItsDeadlinePasses() {
        Duration deadline = Duration.ofMillis(300);
        ConcurrencyLimits<String> limits = ConcurrencyLimits.<String>none()
                .with("heavy", "heavy", new AdmissionSettings(1, 1, deadline), Admit.ON_ARRIVAL);
        try (RequestAdmission holder = limits.enter("heavy")) {
            assertThat(holder.refused()).isFalse();
            long began = System.nanoTime();
            try (RequestAdmission late = limits.enter("heavy")) {
                assertThat(late.refused()).isTrue();
            }
            assertThat(System.nanoTime() - began).as("waited its deadline").isGreaterThanOrEqualTo(deadline.toNanos());
        }
        try (RequestAdmission next = limits.enter("heavy")) {
            assertThat(next.refused()).as("the place was given back").isFalse();
        }
    }

    @Test
    void aClassAdmittedAtDatabaseWorkTakesItsPlaceOnlyWhenClaimed() throws Exception {
        ConcurrencyLimits<String> limits = ConcurrencyLimits.<String>none()
                .with("api", "api", new AdmissionSettings(1, 0, Duration.ofSeconds(20)), Admit.ON_DATABASE_WORK);
        ConcurrencyLimit api = limits.limit("api").orElseThrow();
        try (RequestAdmission first = limits.enter("api")) {
            assertThat(api.inFlight()).as("nothing claimed on arrival").isZero();
            RequestAdmission.claimCurrent();
            RequestAdmission.claimCurrent(); // a second connection of the same request: the same place
            assertThat(api.inFlight()).isEqualTo(1);
            FutureTask<Void> other = new FutureTask<>(() -> {
                try (RequestAdmission cacheHit = limits.enter("api")) {
                    assertThat(cacheHit.refused())
                            .as("a request that never claims is never refused")
                            .isFalse();
                }
                try (RequestAdmission second = limits.enter("api")) {
                    long began = System.nanoTime();
                    assertThatThrownBy(RequestAdmission::claimCurrent)
                            .isInstanceOf(OverloadedException.class)
                            .hasMessageContaining("'api' route class");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began))
                            .as("the queue of 0 is full: refused at once, not after 20 s")
                            .isLessThan(5_000);
                }
                return null;
            });
            Thread.ofVirtual().start(other);
            other.get(60, TimeUnit.SECONDS); // another request, on its own thread; its failures fail the test
        }
        assertThat(api.inFlight()).as("released when the request ended").isZero();
        RequestAdmission.claimCurrent(); // no request bound on this thread any more: a no-op
        assertThat(api.inFlight()).isZero();
    }

    @Test
    void classesWithoutALimitAreNeverLimited() throws Exception {
        ConcurrencyLimits<String> limits = ConcurrencyLimits.<String>none()
                .with("heavy", "heavy", new AdmissionSettings(1, 0, Duration.ZERO), Admit.ON_ARRIVAL);
        try (RequestAdmission held = limits.enter("heavy");
                RequestAdmission probe = limits.enter("exempt")) {
            assertThat(held.refused()).isFalse();
            assertThat(probe.refused()).isFalse();
            RequestAdmission.claimCurrent(); // the heavy place is already held by this thread's request
        }
    }

    @Test
    void settingsFollowOnePatternPerClassAndNameABadAlgorithm() {
        ConcurrencyLimitSettings s = ConcurrencyLimitSettings.from(
                new Settings(
                        Map.of("HEADROOM_CONCURRENCY_LIMIT_HEAVY", "3", "HEADROOM_CONCURRENCY_ALGORITHM", "vegas")),
                Map.of("api", 20, "heavy", 8));
        assertThat(s.of("heavy")).isEqualTo(new AdmissionSettings(3, 50, Duration.ofMillis(200), LimitAlgorithm.VEGAS));
        assertThat(s.of("api").maxConcurrency()).isEqualTo(20);
        assertThatThrownBy(() -> ConcurrencyLimitSettings.from(
                        new Settings(Map.of("HEADROOM_CONCURRENCY_ALGORITHM", "aimd")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_CONCURRENCY_ALGORITHM=aimd");
    }
}
