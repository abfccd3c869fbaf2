package io.headroom.explorer.catalog;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class RefreshLeaseH2Test extends RefreshLeaseContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
