package io.headroom.explorer.lake;

import io.headroom.explorer.testing.LakeUnderTest;
import java.nio.file.Path;

class LocalObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected LakeUnderTest openLake(Path dir) {
        return LakeUnderTest.local(dir.resolve("lake"));
    }
}
