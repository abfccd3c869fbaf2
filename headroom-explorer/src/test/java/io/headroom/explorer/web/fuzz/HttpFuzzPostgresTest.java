package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** The HTTP fuzz on the real PostgreSQL (skipped when HEADROOM_TEST_DATABASE_URL is not set). */
class HttpFuzzPostgresTest extends HttpFuzzContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
