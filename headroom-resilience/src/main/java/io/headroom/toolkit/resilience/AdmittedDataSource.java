package io.headroom.toolkit.resilience;

import com.netflix.concurrency.limits.Limiter;
import io.headroom.toolkit.db.DatabaseUnavailable;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Overload protection where the cost is (RATE-5): work that needs the database is admitted through an
 * adaptive concurrency limit (Netflix concurrency-limits, Gradient2: the limit falls when the time a
 * connection is held rises above its long-run average, and grows back when it does not), with a bounded
 * wait queue and a deadline ({@link DeadlineQueue}). Excess is refused at once ({@link OverloadedException},
 * a 503 with {@code Retry-After}) instead of joining the pool's unbounded queue for its 5 s timeout.
 *
 * <p>Only work that asks for a connection is limited: a response-cache hit never does, so it is never
 * queued behind database work; health checks use the bare pool and are never shed. A request whose route
 * class admits at its first database work ({@link ConcurrencyLimits.Admit#ON_DATABASE_WORK}) claims its
 * class's permit here first, then the pool's.
 */
public final class AdmittedDataSource implements DataSource {
    private final DataSource target;
    private final ConcurrencyLimit limit;
    private final Duration retryAfter;

    public AdmittedDataSource(DataSource target, AdmissionSettings settings) {
        this.target = target;
        this.limit = new ConcurrencyLimit("database", settings);
        this.retryAfter = Duration.ofSeconds(1);
    }

    /** How many wait for a slot now. */
    public int waiting() {
        return limit.waiting();
    }

    /** The adaptive limit now. */
    public int currentLimit() {
        return limit.currentLimit();
    }

    @Override
    public Connection getConnection() throws SQLException {
        RequestAdmission.claimCurrent(); // the request's route class first (a no-op outside requests)
        Optional<Limiter.Listener> admitted = limit.acquire();
        if (admitted.isEmpty()) {
            throw new OverloadedException("The database", retryAfter);
        }
        Limiter.Listener listener = admitted.get();
        Connection connection;
        try {
            connection = target.getConnection();
        } catch (SQLException | RuntimeException e) {
            listener.onIgnore(); // a failure to connect says nothing about how fast the database works
            throw e;
        }
        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(connection, args);
                        if (method.getName().equals("close") && released.compareAndSet(false, true)) {
                            if (outage.get()) {
                                listener.onIgnore();
                            } else {
                                listener.onSuccess(); // the time held is the sample Gradient2 learns from
                            }
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        outage.compareAndSet(false, DatabaseUnavailable.isCause(e.getCause()));
                        if (method.getName().equals("close") && released.compareAndSet(false, true)) {
                            listener.onIgnore();
                        }
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("An admitted pool hands out its own connections only");
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
