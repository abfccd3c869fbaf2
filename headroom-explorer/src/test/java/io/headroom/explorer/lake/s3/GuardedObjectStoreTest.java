package io.headroom.explorer.lake.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.headroom.explorer.lake.GuardedObjectStore;
import io.headroom.explorer.testing.InProcessS3;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.DependencyUnavailableException;
import io.headroom.toolkit.resilience.BreakerOpenException;
import io.headroom.toolkit.resilience.BreakerSettings;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object store's circuit breaker against a real S3 server that is stopped and started again on its port. */
class GuardedObjectStoreTest {
    private static final String BUCKET = "lake";
    private static final byte[] CONTENT = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void anOutageIsA503FailureThenOpensTheBreakerWhichClosesOnceTheStoreIsBack() throws Exception {
        InProcessS3 s3 = started();
        int port = s3.port();
        try (GuardedObjectStore store = guarded(s3, Duration.ofMillis(500))) {
            assertThat(store.stat("a.csv")).isPresent();
            s3.close();

            // Each failure is reported as the store being unavailable (a 503 for a request), never as itself.
            assertThatThrownBy(() -> {
                        try (Stream<?> listing = store.list()) {
                            listing.count();
                        }
                    })
                    .satisfies(e ->
                            assertThat(DependencyUnavailableException.in(e)).isPresent());
            for (int call = 0; call < 10 && store.breaker().state() == CircuitBreaker.State.CLOSED; call++) {
                assertThatThrownBy(() -> store.stat("a.csv"))
                        .isInstanceOf(DependencyUnavailableException.class)
                        .hasMessageStartingWith("The object store is unavailable");
            }
            assertThat(store.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
            // Open: refused without a call to the store, saying so.
            assertThatThrownBy(() -> store.open("a.csv"))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("circuit breaker is open")
                    .hasCauseInstanceOf(BreakerOpenException.class);

            s3 = InProcessS3.start(dir, port);
            Await.until(
                    () -> {
                        try {
                            return store.stat("a.csv").isPresent()
                                    && store.breaker().state() == CircuitBreaker.State.CLOSED;
                        } catch (IOException stillOpenOrHalfOpen) {
                            return false;
                        }
                    },
                    Duration.ofSeconds(30),
                    "the breaker closed once S3 answered again");
            try (InputStream in = store.open("a.csv")) {
                assertThat(in.readAllBytes()).isEqualTo(CONTENT);
            }
        } finally {
            s3.close();
        }
    }

    @Test
    void missingObjectsAreAnswersNotFailures() throws Exception {
        InProcessS3 s3 = started();
        try (GuardedObjectStore store = guarded(s3, Duration.ofSeconds(30))) {
            for (int i = 0; i < 20; i++) {
                assertThat(store.stat("missing-" + i + ".csv")).isEmpty();
                String key = "missing-" + i + ".csv";
                assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
            }
            assertThat(store.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
            try (Stream<?> listing = store.list()) {
                assertThat(listing.count()).isEqualTo(1);
            }
        } finally {
            s3.close();
        }
    }

    @Test
    void failingListingsOpenTheBreaker() throws Exception {
        InProcessS3 s3 = started();
        try (GuardedObjectStore store = guarded(s3, Duration.ofSeconds(30))) {
            s3.close();
            for (int call = 0; call < 10 && store.breaker().state() == CircuitBreaker.State.CLOSED; call++) {
                assertThatThrownBy(() -> {
                            try (Stream<?> listing = store.list()) {
                                listing.count();
                            }
                        })
                        .isInstanceOfAny(UncheckedIOException.class, DependencyUnavailableException.class);
            }
            assertThat(store.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        }
    }

    private InProcessS3 started() {
        InProcessS3 s3 = InProcessS3.start(dir);
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "a.csv", CONTENT);
        return s3;
    }

    private static GuardedObjectStore guarded(InProcessS3 s3, Duration openFor) {
        var env = s3.environment(BUCKET, "");
        env.put("S3_CONNECT_TIMEOUT", "1s");
        return new GuardedObjectStore(
                S3ObjectStore.open(S3Settings.from(new Settings(env))), new BreakerSettings(50, 10, openFor, 2));
    }
}
