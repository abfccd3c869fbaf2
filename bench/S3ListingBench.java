// The S3 store's listing rate over N keys (default 100,000) on the in-process S3 server (S3Proxy over jclouds'
// in-memory store: its filesystem store, the tests' one, walks the whole bucket for each page of 1,000 keys and
// took over 30 s a page here), against the local store walking the same keys as files: same run, rounds
// alternating. The S3 figure includes the server's own work (same JVM, same cores).
// Run through bench/s3-listing.sh (it builds the class path: the explorer's classes and test classes).
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.s3.S3ObjectStore;
import io.headroom.explorer.lake.s3.S3Settings;
import io.headroom.explorer.testing.InProcessS3;
import io.headroom.toolkit.config.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

public class S3ListingBench {
    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("s3-listing");
        try (InProcessS3 s3 = InProcessS3.startInMemory()) {
            s3.createBucket("lake");
            Path localDir = dir.resolve("local");
            byte[] content = "x\n1\n".getBytes();
            for (int i = 0; i < keys; i++) {
                String key = "folder-" + i / 1000 + "/file-" + i + ".csv";
                Path file = localDir.resolve(key);
                if (i % 1000 == 0) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, content);
                s3.putDirect("lake", key, content);
            }
            System.out.printf("%d keys in %d folders; %d cores, load average %s%n", keys, (keys + 999) / 1000,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
            try (ObjectStore remote = S3ObjectStore.open(S3Settings.from(new Settings(s3.environment("lake", ""))));
                    ObjectStore local = new LocalObjectStore(localDir)) {
                time(local, keys); // warm-up: JIT, page cache, connection pool
                time(remote, keys);
                for (int r = 1; r <= rounds; r++) {
                    double[] l = time(local, keys);
                    double[] s = time(remote, keys);
                    System.out.printf(
                            "round %d  local walk (baseline) %8.0f keys/s  %5.2f s CPU | S3 listing %8.0f keys/s  %5.2f s CPU (client + server) | S3 / local %.2fx%n",
                            r, l[0], l[1], s[0], s[1], s[0] / l[0]);
                }
            }
        }
    }

    /** keys per second and the process's CPU seconds for one full listing. */
    private static double[] time(ObjectStore store, int expected) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long count;
        try (Stream<?> listing = store.list()) {
            count = listing.count();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count != expected) {
            throw new IllegalStateException(store.describe() + " listed " + count + " keys, not " + expected);
        }
        return new double[] {count / seconds, (os.getProcessCpuTime() - cpu) / 1e9};
    }
}
