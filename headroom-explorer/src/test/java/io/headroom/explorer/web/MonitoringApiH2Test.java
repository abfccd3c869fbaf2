package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** Monitoring on the embedded default database (H2). */
class MonitoringApiH2Test extends MonitoringApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }

    @Override
    protected void assertDatabaseSection(JsonNode database) {
        assertThat(database.path("supported").asBoolean()).isFalse();
        assertThat(database.path("reason").asText()).contains("PostgreSQL");
    }
}
