package io.headroom.explorer.auth;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class UsersApiPostgresTest extends UsersApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
