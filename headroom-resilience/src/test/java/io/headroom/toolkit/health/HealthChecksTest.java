package io.headroom.toolkit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void runsEveryCheckAtTheSameTime() {
        // Each check waits for all three to have started: only a parallel run can finish them all.
        CountDownLatch allStarted = new CountDownLatch(3);
        HealthCheck meetsTheOthers = () -> {
            allStarted.countDown();
            if (!allStarted.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other checks did not run alongside");
            }
            return "met";
        };
        HealthReport report = HealthChecks.builder()
                .required("a", LONG, meetsTheOthers)
                .required("b", LONG, meetsTheOthers)
                .required("c", LONG, meetsTheOthers)
                .build()
                .run();
        assertThat(report.up()).isTrue();
        assertThat(report.components()).containsOnlyKeys("a", "b", "c");
        assertThat(report.components().values())
                .allSatisfy(c -> assertThat(c.detail()).isEqualTo("met"));
    }

    @Test
    void aHangingCheckIsDownAtItsOwnTimeoutWhileTheOthersReport() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        HealthReport report = HealthChecks.builder()
                .required("hangs", Duration.ofMillis(200), () -> {
                    never.await();
                    return null;
                })
                .required("fine", LONG, () -> "ok")
                .build()
                .run();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(report.up()).isFalse();
        assertThat(report.components().get("hangs").status()).isEqualTo("DOWN");
        assertThat(report.components().get("hangs").detail()).isEqualTo("timed out after 200 ms");
        assertThat(report.components().get("fine").up()).isTrue();
        assertThat(tookMillis)
                .as("bounded by the hanging check's timeout, not by the others'")
                .isLessThan(LONG.toMillis());
    }

    @Test
    void anOptionalComponentDownLeavesTheReportUpAndSaysWhy() {
        HealthReport report = HealthChecks.builder()
                .required("database", LONG, () -> "PostgreSQL 16")
                .optional("redis", LONG, () -> {
                    throw new IllegalStateException("connection refused");
                })
                .build()
                .run();
        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.components().get("redis"))
                .isEqualTo(new ComponentHealth(
                        "DOWN", false, report.components().get("redis").latencyMs(), "connection refused"));
        assertThat(report.components().get("database").detail()).isEqualTo("PostgreSQL 16");
    }

    @Test
    void aConditionIsDownWithItsReason() {
        boolean[] holds = {false};
        HealthChecks checks = HealthChecks.builder()
                .required("migrations", LONG, HealthCheck.condition(() -> holds[0], "not applied yet"))
                .build();
        assertThat(checks.run().components().get("migrations").detail()).isEqualTo("not applied yet");
        holds[0] = true;
        assertThat(checks.run().up()).isTrue();
    }

    @Test
    void twoChecksOfOneNameAreRefused() {
        assertThatThrownBy(() ->
                        HealthChecks.builder().required("db", LONG, () -> null).optional("db", LONG, () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db");
    }
}
