package io.headroom.toolkit.resilience;

import io.headroom.toolkit.db.DatabaseUnavailable;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} behind a {@link DependencyBreaker}: while the breaker is open, {@code getConnection}
 * throws {@link BreakerOpenException} at once instead of waiting the pool's connection timeout. One "call"
 * is a connection's life, from {@code getConnection} to {@code close}: it fails when the pool cannot give a
 * connection or when any statement on it fails because the database is gone ({@link DatabaseUnavailable}),
 * and succeeds otherwise (a bad query is the caller's failure, not the database's).
 */
public final class GuardedDataSource implements DataSource {
    private final DataSource target;
    private final DependencyBreaker breaker;

    public GuardedDataSource(DataSource target, DependencyBreaker breaker) {
        this.target = target;
        this.breaker = breaker;
    }

    public DependencyBreaker breaker() {
        return breaker;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = breaker.acquire();
        Connection connection;
        try {
            connection = target.getConnection();
        } catch (SQLException | RuntimeException e) {
            breaker.failed(start, e);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Call(connection, start));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("A guarded pool hands out its own connections only");
    }

    /** One connection's life as one breaker call; its statements report to it. */
    private final class Call implements InvocationHandler {
        private final Object target;
        private final long start;
        private final AtomicBoolean ended;

        Call(Connection connection, long start) {
            this(connection, start, new AtomicBoolean());
        }

        private Call(Object target, long start, AtomicBoolean ended) {
            this.target = target;
            this.start = start;
            this.ended = ended;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (DatabaseUnavailable.isCause(cause) && ended.compareAndSet(false, true)) {
                    breaker.failed(start, cause);
                }
                throw cause;
            }
            if (target instanceof Connection && method.getName().equals("close") && ended.compareAndSet(false, true)) {
                breaker.succeeded(start);
            }
            return switch (result) {
                case CallableStatement s -> wrap(CallableStatement.class, s);
                case PreparedStatement s -> wrap(PreparedStatement.class, s);
                case Statement s when !(target instanceof Statement) -> wrap(Statement.class, s);
                case null, default -> result;
            };
        }

        private Object wrap(Class<?> type, Object statement) {
            return Proxy.newProxyInstance(
                    type.getClassLoader(), new Class<?>[] {type}, new Call(statement, start, ended));
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
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
