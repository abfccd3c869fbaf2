package io.headroom.explorer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogWarmingTest {
    @TempDir
    Path dir;

    @Test
    void aLakeWithDatasetsAtItsRootWarmsWithoutAFailedTask() {
        List<DatasetMetadata> datasets = new ArrayList<>(CatalogFixture.datasets(4));
        datasets.add(new DatasetMetadata(
                "readme.csv",
                "readme",
                "",
                DatasetFormat.CSV,
                10,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                false,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null));
        try (ServiceUnderTest service = ServiceUnderTest.overCatalog(DatabaseUnderTest.h2(dir), dir, datasets)) {
            ApiClient.Response report = service.client().post("/api/v1/admin/cache/warm", ServiceUnderTest.ADMIN_TOKEN);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.json().path("tasks").asInt())
                    .as("the hot set and each folder")
                    .isGreaterThan(7);
            assertThat(report.json().path("failed").asInt())
                    .as("the root folder has no /folders/{folder}/stats")
                    .isZero();
        }
    }
}
