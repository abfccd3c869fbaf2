package io.headroom.explorer.testing;

import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.s3.S3ObjectStore;
import io.headroom.explorer.lake.s3.S3Settings;
import io.headroom.toolkit.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A lake the contract tests fill and the service reads: a local directory, or a bucket (under a key
 * prefix) on an in-process S3 server. The same tests run over both ({@code *LocalTest}, {@code *S3Test}).
 */
public interface LakeUnderTest extends AutoCloseable {

    /** Writes one object, as a producer would (a file; a PUT). */
    void put(String key, byte[] content);

    /** Writes many small objects the fastest way the lake allows (see {@link InProcessS3#bucketDirectory}). */
    void putMany(Map<String, byte[]> objects);

    void delete(String key);

    /** A store over this lake, as the service would open it from {@link #environment()}. */
    ObjectStore openStore();

    /** The settings that point the service at this lake (a new, modifiable map). */
    Map<String, String> environment();

    @Override
    void close();

    static LakeUnderTest local(Path directory) {
        return new LakeUnderTest() {
            @Override
            public void put(String key, byte[] content) {
                try {
                    Path file = directory.resolve(key);
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void putMany(Map<String, byte[]> objects) {
                objects.forEach(this::put);
            }

            @Override
            public void delete(String key) {
                try {
                    Files.delete(directory.resolve(key));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ObjectStore openStore() {
                try {
                    Files.createDirectories(directory);
                    return new LocalObjectStore(directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Map<String, String> environment() {
                return new HashMap<>(Map.of("HEADROOM_LAKE_DIR", directory.toString()));
            }

            @Override
            public void close() {}
        };
    }

    /** A bucket on a new in-process S3 server storing under {@code directory}; keys live under {@code prefix}. */
    static LakeUnderTest s3(Path directory, String bucket, String prefix) {
        InProcessS3 server = InProcessS3.start(directory);
        server.createBucket(bucket);
        return new LakeUnderTest() {
            @Override
            public void put(String key, byte[] content) {
                server.put(bucket, prefix + key, content);
            }

            @Override
            public void putMany(Map<String, byte[]> objects) {
                objects.forEach((key, content) -> {
                    try {
                        Path file = server.bucketDirectory(bucket).resolve(prefix + key);
                        Files.createDirectories(file.getParent());
                        Files.write(file, content);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            @Override
            public void delete(String key) {
                server.delete(bucket, prefix + key);
            }

            @Override
            public ObjectStore openStore() {
                return S3ObjectStore.open(
                        S3Settings.from(new Settings(environment()))); // the default credentials chain
            }

            @Override
            public Map<String, String> environment() {
                return server.environment(bucket, prefix);
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
