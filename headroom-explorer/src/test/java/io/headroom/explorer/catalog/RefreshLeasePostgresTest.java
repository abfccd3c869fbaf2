package io.headroom.explorer.catalog;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class RefreshLeasePostgresTest extends RefreshLeaseContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
