package io.headroom.explorer.access;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class AccessMatrixH2Test extends AccessMatrixContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
