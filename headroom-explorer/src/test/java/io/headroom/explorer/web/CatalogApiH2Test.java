package io.headroom.explorer.web;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

/** The catalog API on the embedded H2 database. */
class CatalogApiH2Test extends CatalogApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
