package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** Monitoring on the real PostgreSQL (skipped when HEADROOM_TEST_DATABASE_URL is not set). */
class MonitoringApiPostgresTest extends MonitoringApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }

    @Override
    protected void assertDatabaseSection(JsonNode database) {
        assertThat(database.path("supported").asBoolean()).isTrue();
        assertThat(database.path("connectionsByState").size()).isPositive();
        assertThat(database.path("cacheHitRatio").asDouble()).isBetween(0.0, 1.0);
        if (!database.path("pgStatStatements").asBoolean()) {
            assertThat(database.path("note").asText()).contains("pg_stat_statements is not installed");
        }
    }
}
