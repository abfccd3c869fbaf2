package io.headroom.explorer.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default store: a directory on the local file system. Keys are paths relative to the
 * root with '/' separators. Symbolic links are neither listed nor followed out of the root.
 */
public final class LocalObjectStore implements ObjectStore {
    private final Path root;
    private final Path realRoot;

    public LocalObjectStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root)) {
            throw new NoSuchFileException(this.root.toString(), null, "the lake directory does not exist");
        }
        this.realRoot = this.root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /**
     * Walks the tree lazily: the listing is a stream, so a million files never sit in one list here.
     * The caller must close the stream.
     */
    @Override
    @SuppressWarnings("StreamResourceLeak") // the caller closes the returned stream, which closes the walk
    public Stream<StoredObject> list() throws IOException {
        Stream<Path> walk = Files.walk(root);
        return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .map(this::keyOf)
                .filter(key -> !StoreKeys.isIgnored(key))
                .map(this::statUnchecked)
                .flatMap(Optional::stream);
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        Path file = resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(
                    key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolveExisting(key));
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        SeekableByteChannel channel = Files.newByteChannel(resolveExisting(key));
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    /** The file of a key, after validation; never outside the root, even for a key that does not exist. */
    public Path resolve(String key) {
        StoreKeys.validate(key);
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new InvalidKeyException(key, "resolves outside the store");
        }
        return file;
    }

    /** Like {@link #resolve} and also follows links, so a symlink cannot lead a read out of the root. */
    private Path resolveExisting(String key) throws IOException {
        Path real = resolve(key).toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new InvalidKeyException(key, "resolves outside the store");
        }
        return real;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private Optional<StoredObject> statUnchecked(String key) {
        try {
            return stat(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidKeyException e) {
            return Optional.empty(); // a file name no key may carry (e.g. with a backslash): not served
        }
    }
}
