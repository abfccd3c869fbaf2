package io.headroom.bench;

import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.TtlPreset;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.http.RenderedResponseCodec;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a cached response costs against rendering it: {@code hit} is an in-process cache hit of a
 * rendered 50-item list (bytes, brotli and gzip ready); {@code renderJson} serialises the same page
 * and {@code renderAndCompress} also compresses it, which is what a miss, or no cache, pays (before
 * the database). The ratio hit : render is the saving of HTTP-1 per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CacheHitBenchmark {
    private static final int KEYS = 1_000;

    private TwoLevelCache cache;
    private KeyspaceCache<RenderedResponse> responses;
    private Map<String, Object> page;
    private Compression compression;
    private String[] keys;

    @Setup
    public void setUp() {
        cache = TwoLevelCache.builder().build();
        responses = cache.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), new RenderedResponseCodec());
        compression = new Compression(5, 6);
        page = SampleDatasets.page(50);
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "/api/v1/datasets?limit=50&offset=" + (i * 50);
            responses.getOrLoad(keys[i], this::render);
        }
    }

    @TearDown
    public void tearDown() {
        cache.close();
    }

    private RenderedResponse render() {
        return RenderedResponse.precompressed(Json.bytes(page), Json.MEDIA_TYPE, Instant.now(), compression);
    }

    @Benchmark
    public byte[] hit() {
        String key = keys[ThreadLocalRandom.current().nextInt(KEYS)];
        return responses.getOrLoad(key, this::render).brotli();
    }

    @Benchmark
    public byte[] renderJson() {
        return Json.bytes(page);
    }

    @Benchmark
    public byte[] renderAndCompress() {
        return render().brotli();
    }
}
