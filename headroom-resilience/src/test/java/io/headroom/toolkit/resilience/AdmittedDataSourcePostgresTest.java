package io.headroom.toolkit.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.headroom.toolkit.db.ConnectionPool;
import io.headroom.toolkit.db.PoolSettings;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Admission in front of a real PostgreSQL pool: two connections at once, two may wait 300 ms, the fifth is
 * refused at once; waiters past their deadline are refused; a released slot admits again.
 */
class AdmittedDataSourcePostgresTest {
    @Test
    void excessIsRefusedAtOnceWaitersByTheirDeadlineAndReleasedSlotsAdmitAgain() throws Exception {
        try (TestPostgres database = TestPostgres.createSchema();
                HikariDataSource pool = ConnectionPool.create(new PoolSettings(
                        "admitted",
                        database.jdbcUrl(),
                        Optional.empty(),
                        Optional.empty(),
                        6,
                        0,
                        Duration.ofSeconds(5)))) {
            AdmittedDataSource admitted =
                    new AdmittedDataSource(pool, new AdmissionSettings(2, 2, Duration.ofSeconds(2)));
            Connection first = admitted.getConnection();
            Connection second = admitted.getConnection();
            CompletableFuture<Connection> waiterA = new CompletableFuture<>();
            CompletableFuture<Connection> waiterB = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> complete(waiterA, admitted));
            Thread.ofPlatform().start(() -> complete(waiterB, admitted));
            Await.until(Duration.ofSeconds(5), "both wait in the queue", () -> admitted.waiting() == 2);
            // the queue is full: a fifth is refused without waiting
            long start = System.nanoTime();
            Exception refused = null;
            try {
                admitted.getConnection().close();
            } catch (OverloadedException e) {
                refused = e;
            }
            long refusedMillis = (System.nanoTime() - start) / 1_000_000; // the call alone, not the assertions
            assertThat(refused)
                    .isInstanceOfSatisfying(
                            OverloadedException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
            // Half the 2 s deadline tells "at once" from "after waiting", even on a loaded machine that can
            // deschedule the test for 100 ms; the time to a 503 itself is measured by bench/, not asserted.
            assertThat(refusedMillis).as("at once, not after the deadline").isLessThan(1000);

            assertThatThrownBy(waiterA::join).hasCauseInstanceOf(OverloadedException.class);
            assertThatThrownBy(waiterB::join).hasCauseInstanceOf(OverloadedException.class);
            first.close();
            try (Connection again = admitted.getConnection()) {
                assertThat(again.isValid(1)).isTrue();
            }
            second.close();
            Await.until(Duration.ofSeconds(5), "the limit stays usable", () -> admitted.currentLimit() >= 1);
        }
    }

    private static void complete(CompletableFuture<Connection> result, AdmittedDataSource admitted) {
        try {
            result.complete(admitted.getConnection());
        } catch (SQLException e) {
            result.completeExceptionally(e);
        }
    }
}
