package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageLogTest {
    @Test
    void theFirst503IsLoggedAtOnceThenOneLinePerIntervalCountsTheOthers() {
        List<String> lines = new CopyOnWriteArrayList<>();
        OutageLog log = new OutageLog(Duration.ofMillis(200), lines::add);
        log.unavailable("GET", "/a", "down");
        assertThat(lines).containsExactly("Unavailable on GET /a: down");
        AtomicInteger calls = new AtomicInteger();
        Await.until(
                () -> {
                    calls.incrementAndGet();
                    log.unavailable("GET", "/b", "still down");
                    return lines.size() == 2;
                },
                Duration.ofSeconds(10),
                "a second line after the interval");
        assertThat(lines.get(1))
                .isEqualTo("Unavailable on GET /b: still down (" + (calls.get() - 1)
                        + " more such 503s since the last line)");
    }

    @Test
    void manyCallsWithinOneIntervalWriteOneLine() {
        List<String> lines = new CopyOnWriteArrayList<>();
        OutageLog log = new OutageLog(Duration.ofHours(1), lines::add);
        for (int i = 0; i < 10_000; i++) {
            log.unavailable("GET", "/a", "down");
        }
        assertThat(lines).hasSize(1);
    }
}
