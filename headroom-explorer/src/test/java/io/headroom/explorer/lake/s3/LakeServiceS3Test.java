package io.headroom.explorer.lake.s3;

import io.headroom.explorer.lake.LakeServiceContract;
import io.headroom.explorer.testing.LakeUnderTest;
import java.nio.file.Path;

/** The service over a bucket of an in-process S3 server, under a key prefix, credentials from the default chain. */
class LakeServiceS3Test extends LakeServiceContract {
    @Override
    protected LakeUnderTest openLake(Path dir) {
        return LakeUnderTest.s3(dir.resolve("s3"), "lake", "explorer/");
    }

    @Override
    protected boolean redirectsLargeDownloads() {
        return true;
    }
}
