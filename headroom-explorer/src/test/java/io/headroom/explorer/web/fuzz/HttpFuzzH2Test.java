package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** The HTTP fuzz on the embedded H2 database. */
class HttpFuzzH2Test extends HttpFuzzContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
