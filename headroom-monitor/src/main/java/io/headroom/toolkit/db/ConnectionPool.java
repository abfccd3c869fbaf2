package io.headroom.toolkit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The one place a {@link javax.sql.DataSource} is created. Whoever wants to observe the database
 * (pool metrics, slow-query logging) wraps or inspects the {@link HikariDataSource} returned here.
 */
public final class ConnectionPool {
    private ConnectionPool() {}

    public static HikariDataSource create(PoolSettings settings) {
        return create(settings, null);
    }

    /** As {@link #create(PoolSettings)}, reporting acquisitions, timeouts and pool gauges to {@code monitor} (may be null). */
    public static HikariDataSource create(PoolSettings settings, PoolMonitor monitor) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name());
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.maxSize());
        config.setMinimumIdle(settings.minIdle());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // Fail start-up at once when the database is unreachable, rather than on the first request.
        config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
        if (monitor != null) {
            monitor.attachTo(config);
        }
        return new HikariDataSource(config);
    }
}
