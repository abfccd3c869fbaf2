package io.headroom.explorer.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void listsEveryFileRecursivelyBeyondAThousandKeys() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        for (int i = 0; i < 1_205; i++) {
            Files.writeString(root.resolve("a/b/f" + i + ".csv"), "x\n1\n");
        }
        Files.writeString(root.resolve("top.csv"), "x\n1\n");
        try (LocalObjectStore store = new LocalObjectStore(root);
                Stream<StoredObject> listing = store.list()) {
            List<String> keys = listing.map(StoredObject::key).toList();
            assertThat(keys).hasSize(1_206).contains("top.csv", "a/b/f1204.csv");
        }
    }

    @Test
    void listingSkipsHiddenAndTemporaryFiles() throws IOException {
        Files.createDirectories(root.resolve(".git"));
        Files.createDirectories(root.resolve("data/_temporary"));
        for (String name : List.of(
                ".git/config",
                ".DS_Store",
                "data/_SUCCESS",
                "data/_temporary/part.csv",
                "data/upload.csv.tmp",
                "data/x.csv~",
                "data/x.parquet.crc",
                "data/y.part",
                "data/keep.csv")) {
            Files.writeString(root.resolve(name), "x");
        }
        try (LocalObjectStore store = new LocalObjectStore(root);
                Stream<StoredObject> listing = store.list()) {
            assertThat(listing.map(StoredObject::key)).containsExactly("data/keep.csv");
        }
    }

    @Test
    void statReportsSizeAndModificationTime() throws IOException {
        Files.writeString(root.resolve("s.csv"), "hello");
        Instant modified = Instant.parse("2024-05-06T07:08:09Z");
        Files.setLastModifiedTime(root.resolve("s.csv"), FileTime.from(modified));
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            assertThat(store.stat("s.csv")).contains(new StoredObject("s.csv", 5, modified));
            assertThat(store.stat("missing.csv")).isEmpty();
        }
    }

    @Test
    void openRangeReadsExactlyTheRange() throws IOException {
        Files.writeString(root.resolve("r.txt"), "0123456789");
        try (LocalObjectStore store = new LocalObjectStore(root);
                InputStream in = store.openRange("r.txt", 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456");
        }
        try (LocalObjectStore store = new LocalObjectStore(root);
                InputStream in = store.openRange("r.txt", 8, 10)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("89");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../secret.txt",
                "a/../../secret.txt",
                "/etc/passwd",
                "a\\b.csv",
                "a/./b.csv",
                "a//b.csv",
                "a/",
                "",
                "nul\0.csv",
                "C:/windows/win.ini",
                ".."
            })
    void rejectsKeysThatCouldLeaveTheStore(String key) throws IOException {
        Files.writeString(root.getParent().resolve("secret.txt"), "no");
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            assertThatThrownBy(() -> store.open(key)).isInstanceOf(InvalidKeyException.class);
            assertThatThrownBy(() -> store.stat(key)).isInstanceOf(InvalidKeyException.class);
        }
    }

    @Test
    void aSymlinkCannotLeadOutOfTheStore() throws IOException {
        Path outside = Files.writeString(root.getParent().resolve("outside-" + System.nanoTime() + ".csv"), "x");
        try {
            Files.createSymbolicLink(root.resolve("link.csv"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symlinks on this file system: nothing to escape through
        }
        try (LocalObjectStore store = new LocalObjectStore(root);
                Stream<StoredObject> listing = store.list()) {
            assertThat(listing).isEmpty();
            assertThatThrownBy(() -> store.open("link.csv")).isInstanceOf(InvalidKeyException.class);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aMissingRootIsAClearError() {
        assertThatThrownBy(() -> new LocalObjectStore(root.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void validKeysPassValidation() {
        IntStream.range(0, 1)
                .forEach(i ->
                        assertThat(StoreKeys.validate("env/air/quality.csv")).isEqualTo("env/air/quality.csv"));
        assertThat(StoreKeys.folderOf("env/air/q.csv")).isEqualTo("env/air");
        assertThat(StoreKeys.folderOf("q.csv")).isEmpty();
    }
}
