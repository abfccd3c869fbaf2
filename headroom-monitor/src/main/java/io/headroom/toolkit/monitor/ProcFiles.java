package io.headroom.toolkit.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Linux {@code /proc} readings the JDK beans do not offer; -1 elsewhere. */
final class ProcFiles {
    private ProcFiles() {}

    /** {read_bytes, write_bytes} of this process's storage I/O. */
    static long[] processIo() {
        long[] out = {-1, -1};
        for (String line : lines(Path.of("/proc/self/io"))) {
            if (line.startsWith("read_bytes:")) {
                out[0] = Long.parseLong(line.substring(11).trim());
            } else if (line.startsWith("write_bytes:")) {
                out[1] = Long.parseLong(line.substring(12).trim());
            }
        }
        return out;
    }

    /** {received, sent} bytes summed over the network interfaces of this namespace, loopback excluded. */
    static long[] networkBytes() {
        List<String> lines = lines(Path.of("/proc/net/dev"));
        if (lines.isEmpty()) {
            return new long[] {-1, -1};
        }
        long rx = 0;
        long tx = 0;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        return new long[] {rx, tx};
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
