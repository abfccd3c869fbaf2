package io.headroom.explorer.web;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** Hostile HTTP on the embedded H2 database. */
class HostileHttpH2Test extends HostileHttpContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
