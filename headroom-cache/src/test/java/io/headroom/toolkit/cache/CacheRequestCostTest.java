package io.headroom.toolkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.metrics.RequestCost;
import org.junit.jupiter.api.Test;

/** Cache lookups show up in the slow-request breakdown of the request that made them. */
class CacheRequestCostTest {

    @Test
    void hitsAndMissesAreChargedToTheCurrentRequest() {
        try (TwoLevelCache cache = TwoLevelCache.builder().build()) {
            KeyspaceCache<byte[]> datasets =
                    cache.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
            RequestCost cost = RequestCost.begin();
            datasets.getOrLoad("a", () -> new byte[] {1});
            datasets.getOrLoad("a", () -> new byte[] {2});
            datasets.getOrLoad("a", () -> new byte[] {3});
            RequestCost.Breakdown breakdown = cost.end();
            assertThat(breakdown.cacheMisses()).isEqualTo(1);
            assertThat(breakdown.cacheHits()).isEqualTo(2);
        }
    }
}
