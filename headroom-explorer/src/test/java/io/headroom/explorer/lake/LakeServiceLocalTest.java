package io.headroom.explorer.lake;

import io.headroom.explorer.testing.LakeUnderTest;
import java.nio.file.Path;

class LakeServiceLocalTest extends LakeServiceContract {
    @Override
    protected LakeUnderTest openLake(Path dir) {
        return LakeUnderTest.local(dir.resolve("lake"));
    }

    @Override
    protected boolean redirectsLargeDownloads() {
        return false;
    }
}
