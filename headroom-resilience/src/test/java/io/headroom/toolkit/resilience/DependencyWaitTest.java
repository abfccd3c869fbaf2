package io.headroom.toolkit.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DependencyWaitTest {
    @Test
    void retriesWithBackoffOneLinePerFailedAttemptUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> lines = new CopyOnWriteArrayList<>();
        DependencyWait<String> wait = DependencyWait.start(
                "The database",
                () -> {
                    if (attempts.incrementAndGet() < 4) {
                        throw new ConnectException("Connection refused");
                    }
                    return "migrated";
                },
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2),
                f -> lines.add(f.line()));
        assertThat(wait.result().get(10, TimeUnit.SECONDS)).isEqualTo("migrated");
        assertThat(lines)
                .containsExactly(
                        "The database is not available (attempt 1): Connection refused; retrying in 10 ms",
                        "The database is not available (attempt 2): Connection refused; retrying in 20 ms",
                        "The database is not available (attempt 3): Connection refused; retrying in 40 ms");
    }

    @Test
    void cancelStopsTheRetries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DependencyWait<String> wait = DependencyWait.start(
                "The database",
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("down");
                },
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 1),
                f -> {});
        Await.until(Duration.ofSeconds(5), "a first attempt", () -> attempts.get() == 1);
        wait.cancel();
        assertThat(wait.result()).isCancelled();
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void backoffGrowsToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2);
        assertThat(List.of(1, 2, 3, 7, 8, 20).stream()
                        .map(backoff::delayAfter)
                        .map(Duration::toMillis)
                        .toList())
                .containsExactly(500L, 1000L, 2000L, 30_000L, 30_000L, 30_000L);
    }
}
