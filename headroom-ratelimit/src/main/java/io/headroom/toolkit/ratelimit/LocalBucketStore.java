package io.headroom.toolkit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Buckets in this process (Bucket4j's lock-free local buckets). A bucket untouched for longer than its
 * period is full again, so it is dropped then: the map holds only clients seen recently, bounded by
 * {@code maxBuckets} against a flood of spoofed keys (an evicted bucket comes back full: the bound must
 * be well above the number of active clients).
 */
public final class LocalBucketStore implements BucketStore {
    private final Cache<String, Bucket> buckets;

    public LocalBucketStore(long maxBuckets, Duration longestPeriod) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfterAccess(longestPeriod)
                // Caffeine's upkeep after reads (it records every access) runs on the calling thread, a few
                // entries at a time, instead of as a task handed to the common pool: a hand-off per drain is
                // more than the drain itself on every request, and on a one-core server it is a context switch.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Probe take(String key, RateLimit limit) {
        Bucket bucket = buckets.get(limit.name() + ':' + key, k -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Probe(
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset());
    }

    static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder()
                .capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.period())
                .build();
    }

    private static Bucket newBucket(RateLimit limit) {
        return Bucket.builder().addLimit(bandwidth(limit)).build();
    }

    @Override
    public String describe() {
        return "local";
    }
}
