package io.headroom.toolkit.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file system holding {@code path} has at least {@code minFreeBytes} free (usable by this process). */
public final class DiskSpaceCheck implements HealthCheck {
    private final Path path;
    private final long minFreeBytes;

    public DiskSpaceCheck(Path path, long minFreeBytes) {
        this.path = path;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public String check() throws IOException {
        long free = Files.getFileStore(path).getUsableSpace();
        String detail = mib(free) + " MiB free on " + path.toAbsolutePath();
        if (free < minFreeBytes) {
            throw new IOException(detail + ", below the minimum of " + mib(minFreeBytes) + " MiB");
        }
        return detail;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
