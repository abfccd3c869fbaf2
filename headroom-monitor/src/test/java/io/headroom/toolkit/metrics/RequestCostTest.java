package io.headroom.toolkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestCostTest {

    @Test
    void countsBytesAllocatedByAPlatformThread() {
        RequestCost cost = RequestCost.begin();
        byte[][] garbage = new byte[64][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[16 * 1024];
        }
        RequestCost.Breakdown breakdown = cost.end();
        assertThat(garbage[63]).hasSize(16 * 1024);
        assertThat(breakdown.allocatedBytes()).isGreaterThanOrEqualTo(64 * 16 * 1024);
        assertThat(breakdown.allocatedBytesSource()).isEqualTo(RequestCost.AllocationSource.EXACT);
    }

    @Test
    void reportsUnknownAllocationOnAVirtualThread() throws InterruptedException {
        AtomicReference<RequestCost.Breakdown> result = new AtomicReference<>();
        Thread.ofVirtual()
                .start(() -> {
                    RequestCost cost = RequestCost.begin();
                    byte[] garbage = new byte[1 << 20];
                    garbage[0] = 1;
                    result.set(cost.end());
                })
                .join();
        // The JDK counts allocations per platform thread only; on a virtual thread the figure comes later from the
        // JFR sampler (RequestMonitor.recordSlow), so the breakdown itself says "unknown".
        assertThat(result.get().allocatedBytes()).isEqualTo(-1);
        assertThat(result.get().allocatedBytesSource()).isEqualTo(RequestCost.AllocationSource.UNAVAILABLE);
    }

    @Test
    void cacheHitsAndMissesAreCountedPerRequest() {
        RequestCost cost = RequestCost.begin();
        RequestCost.current().cacheHit();
        RequestCost.current().cacheHit();
        RequestCost.current().cacheMiss();
        RequestCost.Breakdown breakdown = cost.end();
        assertThat(breakdown.cacheHits()).isEqualTo(2);
        assertThat(breakdown.cacheMisses()).isEqualTo(1);
        assertThat(RequestCost.current()).isNull();
    }
}
