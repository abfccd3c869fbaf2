package io.headroom.explorer.db;

import com.zaxxer.hikari.HikariDataSource;
import io.headroom.explorer.config.ExplorerConfig.DatabaseSettings;
import io.headroom.toolkit.db.ConnectionPool;
import io.headroom.toolkit.db.PoolMonitor;
import io.headroom.toolkit.db.PoolSettings;
import org.flywaydb.core.Flyway;

/**
 * The catalog's database: the connection pool and its migrated schema. H2 (embedded default) and
 * PostgreSQL share one logical schema, written twice where their SQL dialects differ.
 */
public final class CatalogDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private CatalogDatabase(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Opens the pool and brings the schema up to date; closes the pool again if migration fails. */
    public static CatalogDatabase open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /** As {@link #open(DatabaseSettings)}, with the pool reporting to {@code poolMonitor} (may be null). */
    public static CatalogDatabase open(DatabaseSettings settings, PoolMonitor poolMonitor) {
        HikariDataSource dataSource = ConnectionPool.create(new PoolSettings("catalog", settings.url(),
                settings.user(), settings.password(), settings.poolMax(), settings.poolMinIdle(),
                settings.connectionTimeout()), poolMonitor);
        Dialect dialect = Dialect.of(settings.url());
        try {
            migrate(dataSource, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new CatalogDatabase(dataSource, dialect);
    }

    public static void migrate(javax.sql.DataSource dataSource, Dialect dialect) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect.migrationFolder())
                .load()
                .migrate();
    }

    /** Migrates the database at a JDBC URL without a pool (bulk loads, tools). */
    public static void migrate(String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration/" + Dialect.of(jdbcUrl).migrationFolder())
                .load()
                .migrate();
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
