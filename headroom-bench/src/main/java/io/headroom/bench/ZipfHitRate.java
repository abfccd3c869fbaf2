package io.headroom.bench;

import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.KeyspaceStats;
import io.headroom.toolkit.cache.TtlPreset;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.cache.ValueCodec;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Hit rate of the in-process level on a Zipf(0.99) workload over 1,000,000 keys with room for 10 %
 * of them (100,000 entries), as the issue asks. Not a JMH benchmark: it measures a rate, not a time.
 * Run: {@code java -cp headroom-bench/target/benchmarks.jar io.headroom.bench.ZipfHitRate [requests]}.
 */
public final class ZipfHitRate {
    private ZipfHitRate() {}

    public static void main(String[] args) {
        int keys = 1_000_000;
        int capacity = keys / 10;
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        ZipfDistribution zipf = new ZipfDistribution(new Well19937c(42), keys, 0.99);
        byte[] value = new byte[16];
        // maxBytes/maxEntries sets each entry's minimum weight, so 100,000 entries fill the cache.
        try (TwoLevelCache cache = TwoLevelCache.builder()
                .maxEntries(capacity)
                .maxBytes(capacity * 1024L)
                .build()) {
            KeyspaceCache<byte[]> ks = cache.keyspace(Keyspace.of("zipf", TtlPreset.ONE_DAY), ValueCodec.bytes());
            for (long i = 0; i < requests; i++) { // warm-up pass fills the cache; measured below
                ks.getOrLoad(Integer.toString(zipf.sample()), () -> value);
            }
            KeyspaceStats warm = ks.stats();
            for (long i = 0; i < requests; i++) {
                ks.getOrLoad(Integer.toString(zipf.sample()), () -> value);
            }
            KeyspaceStats end = ks.stats();
            long hits = end.hits() - warm.hits();
            long misses = end.misses() - warm.misses();
            System.out.printf(
                    "Zipf(0.99) over %,d keys, capacity %,d entries (10 %%), %,d measured requests: "
                            + "hit rate %.2f %% (entries held %,d)%n",
                    keys, capacity, requests, 100.0 * hits / (hits + misses), end.entries());
        }
    }
}
