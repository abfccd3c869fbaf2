package io.headroom.explorer.download;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class DownloadApiPostgresTest extends DownloadApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.postgres();
    }
}
