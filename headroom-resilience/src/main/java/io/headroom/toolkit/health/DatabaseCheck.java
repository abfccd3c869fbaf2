package io.headroom.toolkit.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database answers: a connection from the pool passes the driver's validation ({@code isValid},
 * a round trip on PostgreSQL). Reports the database product and version when up.
 */
public final class DatabaseCheck implements HealthCheck {
    private final DataSource dataSource;
    private final int validationSeconds;

    /** @param validationSeconds the driver's own bound on the round trip; the check's timeout is the caller's */
    public DatabaseCheck(DataSource dataSource, int validationSeconds) {
        this.dataSource = dataSource;
        this.validationSeconds = validationSeconds;
    }

    @Override
    public String check() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(validationSeconds)) {
                throw new SQLException("the connection did not validate within " + validationSeconds + " s");
            }
            return c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion();
        }
    }
}
