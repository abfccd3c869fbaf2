package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUnavailableTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "08006",
                "08001",
                "08003",
                "08000", // connection exceptions (PostgreSQL, and H2's cannot-open)
                "57P01",
                "57P02",
                "57P03", // PostgreSQL shutting down or starting up
                "90067",
                "90098",
                "90121" // H2: connection broken, database closed, closed by shutdown
            })
    void connectionFailureStatesMeanUnavailable(String state) {
        SQLException failure = new SQLException("lost", state);
        assertThat(DatabaseUnavailable.isCause(new RuntimeException("wrapped", failure)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42601", "22021", "23505", "42P01", "90042"})
    void statementFailuresAreNot(String state) {
        assertThat(DatabaseUnavailable.isCause(new SQLException("bad statement", state)))
                .isFalse();
    }

    @Test
    void poolTimeoutAndClosedPoolMeanUnavailable() {
        assertThat(DatabaseUnavailable.isCause(
                        new SQLTransientConnectionException("pool - Connection is not available")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLNonTransientConnectionException("refused")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(
                        new SQLException("HikariDataSource HikariDataSource (catalog) has been closed."))))
                .isTrue();
    }

    @Test
    void failuresWithoutADatabaseCauseAreNot() {
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("no state"))).isFalse();
    }
}
