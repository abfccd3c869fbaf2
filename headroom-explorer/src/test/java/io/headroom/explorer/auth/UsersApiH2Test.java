package io.headroom.explorer.auth;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class UsersApiH2Test extends UsersApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
