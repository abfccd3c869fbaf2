package io.headroom.bench.csv;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.sample.Sample;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.load.analyze.JtlStatistics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two users of the CSV reader, on files in the page cache: the explorer's 1,000-row sample of an
 * 8 MB CSV, and {@code headroom analyze} of a 200,000-sample CSV JTL (JMeter's columns, one quoted
 * message in ten). Each against the baseline of reading the same file's bytes, so the ratios are the
 * figures to compare across versions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvReadingBenchmark {
    Path dir;
    Path jtl;
    SampleReader samples;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("headroom-bench-csv");
        SplittableRandom random = new SplittableRandom(1);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("readings.csv"), StandardCharsets.UTF_8)) {
            out.write("id,station,reading,day,ok,note\n");
            for (long written = 0, i = 0; written < 8 << 20; i++) {
                String line = i + ",S" + random.nextInt(100) + ',' + random.nextInt(100_000) / 100.0 + ",2024-0"
                        + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + ',' + random.nextBoolean() + ','
                        + (random.nextInt(10) == 0 ? "\"quoted, with a comma\"" : "plain note") + '\n';
                out.write(line);
                written += line.length();
            }
        }
        jtl = dir.resolve("results.jtl");
        try (BufferedWriter out = Files.newBufferedWriter(jtl, StandardCharsets.UTF_8)) {
            out.write("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
                    + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\r\n");
            long t = 1_700_000_000_000L;
            for (int i = 0; i < 200_000; i++) {
                boolean ok = random.nextInt(50) != 0;
                out.write((t + i * 5L) + "," + random.nextInt(400) + ",GET /api/v1/datasets/" + random.nextInt(20)
                        + "," + (ok ? "200,OK" : "500,\"Internal Server Error, \"\"upstream\"\"\"")
                        + ",Thread Group 1-" + random.nextInt(16) + ",text," + ok + ",,"
                        + random.nextInt(20_000) + ",120,16,16,http://127.0.0.1/api,"
                        + random.nextInt(200) + ",0," + random.nextInt(3) + "\r\n");
            }
        }
        samples = new SampleReader(new LocalObjectStore(dir));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("readings.csv"));
        Files.deleteIfExists(jtl);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public long baselineReadJtlBytes() throws IOException {
        return readAll(jtl);
    }

    @Benchmark
    public JtlStatistics analyzeJtl() {
        return JtlStatistics.of(jtl);
    }

    @Benchmark
    public Sample sample1000Rows() throws IOException {
        return samples.read("readings.csv", DatasetFormat.CSV, 1000);
    }

    @Benchmark
    public Sample sample20Rows() throws IOException {
        return samples.read("readings.csv", DatasetFormat.CSV, 20);
    }

    private static long readAll(Path file) throws IOException {
        long sum = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sum += n + buffer[0];
            }
        }
        return sum;
    }
}
