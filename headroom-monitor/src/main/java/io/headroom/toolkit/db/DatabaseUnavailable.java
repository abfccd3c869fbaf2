package io.headroom.toolkit.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure of the database itself (unreachable, shut down, the connection lost mid-query) from
 * a failure of the statement. The first is a 503 the client may retry once the database is back; the
 * second is a bug, a 500.
 */
public final class DatabaseUnavailable {
    /**
     * PostgreSQL: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now. H2 (vendor
     * codes in the SQLState): 90067 connection broken, 90098 database closed, 90121 database closed by
     * shutdown. Class 08 (connection exception, both databases) is matched by prefix.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "90067", "90098", "90121");

    private DatabaseUnavailable() {}

    /** True when {@code failure} or one of its causes says the database, not the statement, failed. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException // pool timeout: overloaded or unreachable
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || STATES.contains(state))) {
            return true;
        }
        // HikariCP refuses a closed pool with a bare SQLException ("HikariDataSource ... has been closed.").
        String message = e.getMessage();
        return state == null
                && message != null
                && message.startsWith("HikariDataSource")
                && message.endsWith("has been closed.");
    }
}
