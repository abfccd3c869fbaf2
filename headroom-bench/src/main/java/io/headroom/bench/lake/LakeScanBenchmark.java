package io.headroom.bench.lake;

import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.generate.LakeGenerator;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.sample.Sample;
import io.headroom.explorer.lake.sample.SampleReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The default 300-dataset generated lake (about 24 MB, page-cached after the first pass): discovery
 * alone, discovery plus analysis of every dataset on one thread, against the baseline of reading
 * every byte of every file; plus a 20-row sample of the largest file against analysing that file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class LakeScanBenchmark {
    Path lake;
    LocalObjectStore store;
    StoreLakeReader reader;
    SampleReader samples;
    List<Path> files;
    DiscoveredDataset largest;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        lake = Files.createTempDirectory("headroom-bench-lake");
        LakeGenerator.generate(lake, 300, 42);
        store = new LocalObjectStore(lake);
        reader = new StoreLakeReader(store, AnalysisLimits.withExactCountLimit(64L << 20));
        samples = new SampleReader(store);
        try (Stream<Path> walk = Files.walk(lake)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        largest = reader.discover().stream()
                .filter(d -> d.format().apiName().equals("csv"))
                .max(Comparator.comparingLong(d -> d.primary().sizeBytes()))
                .orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long baselineReadEveryByte() throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                }
            }
        }
        return total;
    }

    @Benchmark
    public List<DiscoveredDataset> discover() throws IOException {
        return reader.discover();
    }

    @Benchmark
    public List<DatasetMetadata> discoverAndAnalyzeAll() throws IOException {
        List<DatasetMetadata> all = new ArrayList<>();
        for (DiscoveredDataset dataset : reader.discover()) {
            all.add(reader.analyze(dataset));
        }
        return all;
    }

    @Benchmark
    public DatasetMetadata analyzeLargestCsv() throws IOException {
        return reader.analyze(largest);
    }

    @Benchmark
    public Sample sampleTwentyRowsOfLargestCsv() throws IOException {
        StoredObject primary = largest.primary();
        return samples.read(primary.key(), largest.format(), 20);
    }
}
