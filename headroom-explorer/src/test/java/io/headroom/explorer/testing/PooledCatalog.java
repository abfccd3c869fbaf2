package io.headroom.explorer.testing;

import io.headroom.explorer.config.ExplorerConfig.DatabaseSettings;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A migrated catalog with its pool over a test database, for tests of the data layer without the HTTP
 * service. Closing it closes the pool and the database.
 */
public final class PooledCatalog implements AutoCloseable {
    private final DatabaseUnderTest database;
    private final CatalogDatabase catalog;

    private PooledCatalog(DatabaseUnderTest database, CatalogDatabase catalog) {
        this.database = database;
        this.catalog = catalog;
    }

    public static PooledCatalog open(DatabaseUnderTest database) {
        try {
            return new PooledCatalog(
                    database,
                    CatalogDatabase.open(new DatabaseSettings(
                            database.jdbcUrl(), Optional.empty(), Optional.empty(), 12, 0, Duration.ofSeconds(10))));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return catalog.dataSource();
    }

    public Dialect dialect() {
        return catalog.dialect();
    }

    /** The rows of a query, each as its values separated by spaces. */
    public List<String> rows(String sql) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The single number a query answers. */
    public long number(String sql) {
        return Long.parseLong(rows(sql).get(0));
    }

    public void execute(String sql) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        catalog.close();
        database.close();
    }
}
