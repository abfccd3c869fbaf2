package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplerTest {
    @TempDir
    Path dir;

    @Test
    void samplesCarryRealFiguresAndHistoryIsBounded() {
        try (ResourceSampler sampler = new ResourceSampler(3, dir.resolve("not-yet-created/lake"))) {
            for (int i = 0; i < 5; i++) {
                sampler.sample();
            }
            ResourceSample s = sampler.latest();
            assertThat(s.heapUsedBytes()).isPositive();
            assertThat(s.nonHeapUsedBytes()).isPositive();
            assertThat(s.threads()).isPositive();
            assertThat(s.diskUsedRatio()).isBetween(0.0, 1.0);
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(s.openFileDescriptors()).isPositive();
                assertThat(s.diskReadBytes()).isGreaterThanOrEqualTo(0);
            }
            assertThat(sampler.history()).hasSize(3).last().isSameAs(s);
        }
    }

    @Test
    void heapAfterGcIsKnownOnceACollectionRan() {
        try (ResourceSampler sampler = new ResourceSampler(10, dir)) {
            System.gc(); // a request, not a guarantee: wait for the notification instead of assuming it
            io.headroom.toolkit.testing.Await.until(() -> sampler.sample().heapAfterGcBytes() > 0);
            assertThat(sampler.latest().gcCount()).isPositive();
        }
    }
}
