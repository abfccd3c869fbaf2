package io.headroom.toolkit.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A bound on every statement, set once per connection when the pool opens it (so no query path can
 * forget it): the SQL that sets it for the database a JDBC URL names. The database enforces it, and
 * cancels a statement that runs over (PostgreSQL: SQLState 57014), which frees the connection too.
 */
public final class StatementTimeout {
    private StatementTimeout() {}

    /** Empty for a zero timeout (no bound) or a database this does not know. */
    public static Optional<String> initSql(String jdbcUrl, Duration timeout) {
        if (timeout.isZero()) {
            return Optional.empty();
        }
        long millis = Math.max(1, timeout.toMillis());
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Optional.of("SET statement_timeout = " + millis);
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.of("SET QUERY_TIMEOUT " + millis);
        }
        return Optional.empty();
    }
}
