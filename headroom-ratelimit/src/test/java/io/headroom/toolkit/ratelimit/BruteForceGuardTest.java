package io.headroom.toolkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BruteForceGuardTest {
    @Test
    void freeAttemptsThenDoublingWaitsCapped() {
        BruteForceGuard guard = new BruteForceGuard(3, Duration.ofSeconds(1), Duration.ofSeconds(10));
        List<Duration> waits =
                IntStream.rangeClosed(1, 8).mapToObj(guard::waitAfter).toList();
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 10L);
    }

    @Test
    void aLockedAccountIsLockedFromEveryAddressAndALockedAddressForEveryAccount() {
        BruteForceGuard guard = new BruteForceGuard(2, Duration.ofMinutes(1), Duration.ofMinutes(10));
        guard.failed("admin", "198.51.100.1");
        assertThat(guard.blocked("admin", "198.51.100.1")).isEmpty();
        guard.failed("admin", "198.51.100.2");
        guard.failed("admin", "198.51.100.3"); // third failure of the account, from a third address
        assertThat(guard.blocked("admin", "203.0.113.5"))
                .as("the account, from anywhere")
                .isPresent();
        assertThat(guard.blocked("other", "203.0.113.5")).isEmpty();

        for (int i = 0; i < 3; i++) {
            guard.failed("user" + i, "203.0.113.9"); // one address trying many accounts
        }
        assertThat(guard.blocked("fresh-account", "203.0.113.9"))
                .as("the address, for any account")
                .isPresent();
        guard.succeeded("fresh-account", "203.0.113.9");
        assertThat(guard.blocked("fresh-account", "203.0.113.9")).isEmpty();
    }
}
