package io.headroom.explorer.testing;

import io.headroom.toolkit.testing.PostgresServerProcess;
import io.headroom.toolkit.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A fresh, empty catalog database for one test: an H2 file in a temp dir, or a private PostgreSQL schema. */
public interface DatabaseUnderTest extends AutoCloseable {

    /** The environment variables that point the service at this database. */
    Map<String, String> environment();

    String jdbcUrl();

    @Override
    void close();

    static DatabaseUnderTest h2(Path directory) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("catalog-" + UUID.randomUUID())
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new DatabaseUnderTest() {
            @Override
            public Map<String, String> environment() {
                return Map.of("DATABASE_URL", url);
            }

            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public void close() {}
        };
    }

    /** Skips the calling test (JUnit assumption) when HEADROOM_TEST_DATABASE_URL is not set. */
    static DatabaseUnderTest postgres() {
        TestPostgres postgres = TestPostgres.createSchema();
        return new DatabaseUnderTest() {
            @Override
            public Map<String, String> environment() {
                return Map.of("DATABASE_URL", postgres.jdbcUrl(), "DB_POOL_MIN_IDLE", "1", "DB_POOL_MAX", "8");
            }

            @Override
            public String jdbcUrl() {
                return postgres.jdbcUrl();
            }

            @Override
            public void close() {
                postgres.close();
            }
        };
    }

    /** The {@code postgres} database of a PostgreSQL the test started (and kills, and closes, itself). */
    static DatabaseUnderTest on(PostgresServerProcess postgres) {
        return new DatabaseUnderTest() {
            @Override
            public Map<String, String> environment() {
                return Map.of("DATABASE_URL", postgres.jdbcUrl());
            }

            @Override
            public String jdbcUrl() {
                return postgres.jdbcUrl();
            }

            @Override
            public void close() {}
        };
    }
}
