package io.headroom.explorer.db;

import com.zaxxer.hikari.HikariDataSource;
import io.headroom.explorer.config.ExplorerConfig.DatabaseSettings;
import io.headroom.toolkit.db.ConnectionPool;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.db.PoolSettings;
import io.headroom.toolkit.resilience.StatementTimeout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/**
 * The catalog's database: the connection pool and its migrated schema. H2 (embedded default) and
 * PostgreSQL share one logical schema, written twice where their SQL dialects differ.
 */
public final class CatalogDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final DatabaseSettings settings;

    private CatalogDatabase(HikariDataSource dataSource, Dialect dialect, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.settings = settings;
    }

    /**
     * The pool alone, without a connection attempt or a migration: it opens even while the database is
     * down (HikariCP fills it in the background), so a service can start, say it is not ready, and
     * {@link #migrate()} once the database answers. Every connection gets the statement timeout.
     */
    public static CatalogDatabase openPool(
            DatabaseSettings settings, PoolMonitor poolMonitor, Duration statementTimeout) {
        return new CatalogDatabase(
                lazyPool("catalog", settings, poolMonitor, statementTimeout), Dialect.of(settings.url()), settings);
    }

    /**
     * A pool named {@code name} (the {@code pool} tag of its metrics) that opens without its database and
     * sets the statement timeout on every connection: the primary's, and a read replica's.
     */
    static HikariDataSource lazyPool(
            String name, DatabaseSettings settings, PoolMonitor poolMonitor, Duration statementTimeout) {
        return ConnectionPool.create(poolSettings(name, settings), poolMonitor, config -> {
            config.setInitializationFailTimeout(-1);
            StatementTimeout.initSql(settings.url(), statementTimeout).ifPresent(config::setConnectionInitSql);
        });
    }

    /** Brings the schema of this database up to date ({@link #migrate(String, String, String)}). */
    public void migrate() {
        migrate(
                settings.url(),
                settings.user().orElse(null),
                settings.password().orElse(null));
    }

    /**
     * Brings the schema up to date, then opens the pool. Flyway gets its own connections (it needs
     * two at once, one for its lock), so migration works whatever DB_POOL_MAX is, even 1.
     */
    public static CatalogDatabase open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /** As {@link #open(DatabaseSettings)}, with the pool reporting to {@code poolMonitor} (may be null). */
    public static CatalogDatabase open(DatabaseSettings settings, PoolMonitor poolMonitor) {
        migrate(
                settings.url(),
                settings.user().orElse(null),
                settings.password().orElse(null));
        HikariDataSource dataSource = ConnectionPool.create(poolSettings("catalog", settings), poolMonitor);
        return new CatalogDatabase(dataSource, Dialect.of(settings.url()), settings);
    }

    private static PoolSettings poolSettings(String name, DatabaseSettings settings) {
        return new PoolSettings(
                name,
                settings.url(),
                settings.user(),
                settings.password(),
                settings.poolMax(),
                settings.poolMinIdle(),
                settings.connectionTimeout());
    }

    /**
     * Migrates the database at a JDBC URL without a pool (bulk loads, tools).
     *
     * @throws DatabaseUnreachableException when the database refuses a connection: checked here, before
     *         Flyway, so the user reads one line naming DATABASE_URL instead of Flyway's exception
     */
    public static void migrate(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        // Held open during the migration: it also keeps an embedded H2 file open between Flyway's connections.
        try (Connection probe = DriverManager.getConnection(jdbcUrl, user, password)) {
            Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations("classpath:db/migration/" + dialect.migrationFolder())
                    .load()
                    .migrate();
        } catch (SQLException e) {
            throw DatabaseUnreachableException.of(jdbcUrl, e);
        }
    }

    /** The pool itself, for whoever observes the database (pool metrics, health checks). */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
