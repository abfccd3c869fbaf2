package io.headroom.toolkit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DrainTest {
    @Test
    void waitsForTheRequestInFlightThenReturnsZero() throws Exception {
        Drain drain = new Drain();
        drain.enter();
        CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return drain.drain(Duration.ZERO, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(5), "draining begins", drain::isDraining);
        assertThat(drained).isNotDone();
        drain.exit();
        assertThat(drained.get()).isZero();
    }

    @Test
    void givesUpAtTheGraceAndSaysHowManyAreLeft() throws Exception {
        Drain drain = new Drain();
        drain.enter();
        drain.enter();
        drain.exit();
        assertThat(drain.drain(Duration.ZERO, Duration.ofMillis(100))).isEqualTo(1);
        assertThat(drain.isDraining()).isTrue();
    }
}
