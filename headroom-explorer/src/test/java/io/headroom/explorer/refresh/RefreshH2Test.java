package io.headroom.explorer.refresh;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class RefreshH2Test extends RefreshContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
