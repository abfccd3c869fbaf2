package io.headroom.bench.lake;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.analysis.CsvAnalyzer;
import io.headroom.explorer.lake.analysis.TableProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SVC-3 on an 8 MB CSV held in memory (so the disk is not measured): a full analysis with an exact
 * count, an estimated one (4 MB prefix), against the baseline of only decoding the bytes to chars
 * and counting newlines — the least any streamed reader must do. Ratios to the baseline are the
 * figures to watch; absolute times depend on the machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvAnalysisBenchmark {
    byte[] csv;
    CsvAnalyzer exact;
    CsvAnalyzer estimating;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder text = new StringBuilder(9 << 20);
        text.append("id,station,reading,day,ok,note\n");
        for (int i = 0; text.length() < 8 << 20; i++) {
            text.append(i)
                    .append(",S")
                    .append(random.nextInt(100))
                    .append(',')
                    .append(random.nextInt(100_000) / 100.0)
                    .append(",2024-0")
                    .append(1 + random.nextInt(9))
                    .append("-1")
                    .append(random.nextInt(10))
                    .append(',')
                    .append(random.nextBoolean())
                    .append(',');
            if (random.nextInt(10) == 0) {
                text.append("\"quoted, with a comma\"");
            } else {
                text.append("plain note");
            }
            text.append('\n');
        }
        csv = text.toString().getBytes(StandardCharsets.UTF_8);
        exact = new CsvAnalyzer(AnalysisLimits.withExactCountLimit(Long.MAX_VALUE));
        estimating = new CsvAnalyzer(AnalysisLimits.withExactCountLimit(0));
    }

    @Benchmark
    public long baselineDecodeAndCountLines() throws IOException {
        long lines = 0;
        char[] buffer = new char[16 * 1024];
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    @Benchmark
    public TableProfile analyzeExactCount() throws IOException {
        return exact.analyze(new ByteArrayInputStream(csv), csv.length, false, DatasetFormat.CSV);
    }

    @Benchmark
    public TableProfile analyzeEstimatedCount() throws IOException {
        return estimating.analyze(new ByteArrayInputStream(csv), csv.length, false, DatasetFormat.CSV);
    }
}
