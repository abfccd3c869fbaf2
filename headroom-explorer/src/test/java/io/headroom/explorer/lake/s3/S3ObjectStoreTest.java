package io.headroom.explorer.lake.s3;

import io.headroom.explorer.lake.ObjectStoreContract;
import io.headroom.explorer.testing.LakeUnderTest;
import java.nio.file.Path;

/** The store contract over a bucket of an in-process S3 server, under a key prefix. */
class S3ObjectStoreTest extends ObjectStoreContract {
    @Override
    protected LakeUnderTest openLake(Path dir) {
        return LakeUnderTest.s3(dir.resolve("s3"), "lake", "data/v1/");
    }
}
