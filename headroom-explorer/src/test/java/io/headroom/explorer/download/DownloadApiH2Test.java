package io.headroom.explorer.download;

import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;

class DownloadApiH2Test extends DownloadApiContract {
    @Override
    protected DatabaseUnderTest openDatabase(Path dir) {
        return DatabaseUnderTest.h2(dir);
    }
}
