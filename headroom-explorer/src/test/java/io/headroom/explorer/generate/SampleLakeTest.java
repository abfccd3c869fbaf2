package io.headroom.explorer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLakeTest {

    @TempDir
    Path dir;

    @Test
    void generatesAMissingLakeOnceAndLeavesNoStagingBehind() throws IOException {
        Path lake = dir.resolve("data/lake");
        assertThat(SampleLake.ensure(lake, 10)).isTrue();
        assertThat(Files.isDirectory(lake)).isTrue();
        assertThat(SampleLake.ensure(lake, 10)).isFalse();
        try (Stream<Path> siblings = Files.list(lake.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("lake");
        }
    }

    @Test
    void neverTouchesAnExistingDirectoryOrGeneratesZeroDatasets() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("mine"));
        assertThat(SampleLake.ensure(existing, 10)).isFalse();
        try (Stream<Path> files = Files.list(existing)) {
            assertThat(files).isEmpty();
        }
        assertThat(SampleLake.ensure(dir.resolve("none"), 0)).isFalse();
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
