package io.headroom.explorer.refresh;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class RefreshPostgresTest extends RefreshContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
