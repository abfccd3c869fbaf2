package io.headroom.toolkit.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that times every statement it runs and reports it to a {@link QueryMonitor}.
 *
 * <p>A thin proxy of our own rather than datasource-proxy or p6spy: we need exactly one hook
 * (statement executed: SQL, duration, failed?), JDK dynamic proxies give it in about a hundred
 * lines, and we avoid a dependency and its listener framework. Timing covers {@code execute*}
 * calls (the round trip and, for PostgreSQL's default fetch, the result transfer); time spent
 * iterating a streamed result set afterwards is not counted. The per-call reflection costs
 * well under a microsecond against a database round trip of hundreds.
 */
public final class MonitoredDataSource implements DataSource {
    private final DataSource target;
    private final QueryMonitor monitor;

    public MonitoredDataSource(DataSource target, QueryMonitor monitor) {
        this.target = target;
        this.monitor = monitor;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(connection, method, args);
            return switch (method.getName()) {
                case "createStatement" -> statement(Statement.class, (Statement) result, null);
                case "prepareStatement" -> statement(PreparedStatement.class, (Statement) result, (String) args[0]);
                case "prepareCall" -> statement(CallableStatement.class, (Statement) result, (String) args[0]);
                default -> result;
            };
        }
    }

    private Object statement(Class<? extends Statement> type, Statement statement, String sql) {
        return Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, new StatementHandler(statement, sql));
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;
        private String lastBatchSql;

        StatementHandler(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String sql) {
                lastBatchSql = sql;
            }
            if (!name.startsWith("execute")) {
                return call(statement, method, args);
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s
                    ? s
                    : preparedSql != null ? preparedSql : lastBatchSql != null ? lastBatchSql : "(unknown statement)";
            long start = System.nanoTime();
            boolean failed = true;
            try {
                Object result = call(statement, method, args);
                failed = false;
                return result;
            } finally {
                monitor.record(sql, System.nanoTime() - start, failed);
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(target) || target.isWrapperFor(iface);
    }
}
