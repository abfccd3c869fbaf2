package io.headroom.explorer.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.testing.LakeUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link ObjectStore} does, run over the local directory and over S3 (an in-process server). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ObjectStoreContract {
    /** More than three pages of S3's 1,000-key listings: a store that stops at a page limit fails. */
    static final int MANY = 3_205;

    @TempDir
    static Path tempDir;

    private LakeUnderTest lake;
    private ObjectStore store;
    private Instant writtenAfter;

    protected abstract LakeUnderTest openLake(Path dir);

    @BeforeAll
    void fill() {
        lake = openLake(tempDir);
        writtenAfter = Instant.now().minus(Duration.ofSeconds(2)); // S3 dates are whole seconds
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < MANY; i++) {
            many.put("many/part-" + i / 1000 + "/f" + i + ".csv", "x\n1\n".getBytes(StandardCharsets.US_ASCII));
        }
        lake.putMany(many);
        for (String hidden : List.of(
                "mixed/.hidden/config",
                "mixed/.DS_Store",
                "mixed/_SUCCESS",
                "mixed/_temporary/part.csv",
                "mixed/upload.csv.tmp",
                "mixed/x.csv~",
                "mixed/x.parquet.crc",
                "mixed/y.part")) {
            lake.put(hidden, new byte[] {'x'});
        }
        lake.put("mixed/keep.csv", "kept".getBytes(StandardCharsets.US_ASCII));
        lake.put("r/digits.txt", "0123456789".getBytes(StandardCharsets.US_ASCII));
        store = lake.openStore();
    }

    @AfterAll
    void close() throws IOException {
        store.close();
        lake.close();
    }

    @Test
    void listsEveryObjectPastThePageLimit() throws IOException {
        try (Stream<StoredObject> listing = store.list()) {
            List<String> keys = listing.map(StoredObject::key)
                    .filter(k -> k.startsWith("many/"))
                    .toList();
            assertThat(keys)
                    .hasSize(MANY)
                    .doesNotHaveDuplicates()
                    .contains("many/part-0/f0.csv", "many/part-3/f3204.csv");
        }
    }

    @Test
    void listingSkipsHiddenAndTemporaryObjects() throws IOException {
        try (Stream<StoredObject> listing = store.list()) {
            assertThat(listing.map(StoredObject::key).filter(k -> k.startsWith("mixed/")))
                    .containsExactly("mixed/keep.csv");
        }
    }

    @Test
    void listingAndStatReportSizeAndModificationTime() throws IOException {
        StoredObject stat = store.stat("mixed/keep.csv").orElseThrow();
        assertThat(stat.key()).isEqualTo("mixed/keep.csv");
        assertThat(stat.sizeBytes()).isEqualTo(4);
        assertThat(stat.lastModified()).isBetween(writtenAfter, Instant.now().plusSeconds(2));
        try (Stream<StoredObject> listing = store.list()) {
            assertThat(listing.filter(o -> o.key().equals("mixed/keep.csv")))
                    .singleElement()
                    .satisfies(o -> assertThat(o.sizeBytes()).isEqualTo(4));
        }
        assertThat(store.stat("mixed/missing.csv")).isEmpty();
    }

    @Test
    void opensTheWholeObjectAndAMissingOneIsNoSuchFile() throws IOException {
        try (InputStream in = store.open("r/digits.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        }
        assertThatThrownBy(() -> store.open("r/missing.txt")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void rangedReadsReadExactlyTheRange() throws IOException {
        assertThat(range(3, 4)).isEqualTo("3456");
        assertThat(range(0, 1)).isEqualTo("0");
        assertThat(range(8, 10)).as("a range past the end stops at the end").isEqualTo("89");
        assertThat(range(10, 5)).as("a range starting at the end is empty").isEmpty();
        assertThat(range(4, 0)).isEmpty();
    }

    private String range(long offset, long length) throws IOException {
        try (InputStream in = store.openRange("r/digits.txt", offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "a/../../secret.txt", "/etc/passwd", "a\\b.csv", "a//b.csv", "a/", ""})
    void rejectsKeysThatCouldLeaveTheStore(String key) {
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.openRange(key, 0, 1)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void describesItself() {
        assertThat(store.describe()).matches("(local|s3):.+");
    }
}
