package io.headroom.explorer.web;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** Hostile HTTP on PostgreSQL (a private schema), where a NUL inside a text value is a database error. */
class HostileHttpPostgresTest extends HostileHttpContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
