package io.headroom.explorer.web;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** The catalog API on the real PostgreSQL (skipped when HEADROOM_TEST_DATABASE_URL is not set). */
class CatalogApiPostgresTest extends CatalogApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
