package io.headroom.explorer.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that can be cut off from its database: while severed every connection request fails as
 * it does when the database is unreachable (SQLState 08001), and once restored it answers again.
 */
public final class SeveredDataSource implements DataSource {
    private final DataSource database;
    private volatile boolean severed;

    public SeveredDataSource(DataSource database) {
        this.database = database;
    }

    public void sever() {
        severed = true;
    }

    public void restore() {
        severed = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileSevered();
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileSevered();
        return database.getConnection(username, password);
    }

    private void refuseWhileSevered() throws SQLException {
        if (severed) {
            throw new SQLException("Connection refused (the test severed the database)", "08001");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return database.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return database.isWrapperFor(iface);
    }
}
