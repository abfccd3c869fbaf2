package io.headroom.explorer.refresh;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class RefreshDatabaseFailurePostgresTest extends RefreshDatabaseFailureContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
