package io.headroom.bench;

import io.headroom.toolkit.http.Compression;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU time per response for brotli and gzip on a 100-item dataset list (HTTP-4); the sizes saved are
 * printed at setup. Single-threaded average time, so µs/op is CPU time per response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompressionBenchmark {
    @Param({"1", "5", "11"})
    public int brotliQuality;

    private byte[] body;
    private Compression compression;

    @Setup
    public void setUp() {
        body = SampleDatasets.pageJson(100);
        compression = new Compression(brotliQuality, 6);
        int br = compression.brotli(body).length;
        int gz = compression.gzip(body).length;
        System.out.printf(
                "%n100-item list: identity %d B, brotli q%d %d B (%.1f %% saved), gzip 6 %d B (%.1f %% saved)%n",
                body.length,
                brotliQuality,
                br,
                100.0 * (body.length - br) / body.length,
                gz,
                100.0 * (body.length - gz) / body.length);
    }

    @Benchmark
    public byte[] brotli() {
        return compression.brotli(body);
    }

    @Benchmark
    public byte[] gzip() {
        return compression.gzip(body);
    }
}
