package io.headroom.toolkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A private schema on the real PostgreSQL named by {@value #ENV}
 * (for example {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 *
 * <p>Each instance creates a fresh schema so test classes (and parallel builds) never see each
 * other's rows, and drops it on {@link #close()}. When the variable is not set the calling test is
 * <em>skipped</em> through a JUnit assumption: it is never counted as passed.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String ENV = "HEADROOM_TEST_DATABASE_URL";

    private final String baseUrl;
    private final String schema;

    private TestPostgres(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    public static Optional<String> configuredUrl() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    /** Creates a fresh schema, or skips the test when no PostgreSQL is configured. */
    public static TestPostgres createSchema() {
        Optional<String> url = configuredUrl();
        assumeTrue(url.isPresent(), ENV + " is not set: PostgreSQL tests are skipped");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url.get());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot prepare a schema on " + ENV + "=" + url.get() + ": " + e.getMessage(), e);
        }
        return new TestPostgres(url.get(), schema);
    }

    /** A JDBC URL whose connections work in this schema (public stays on the search path for extensions). */
    public String jdbcUrl() {
        String separator = baseUrl.contains("?") ? "&" : "?";
        return baseUrl + separator + "currentSchema=" + schema + ",public";
    }

    public String schema() {
        return schema;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(baseUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
