package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.metrics.RequestCost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestMonitorTest {

    @Test
    void withoutASamplerASlowRequestOnAVirtualThreadIsKeptBeforeRecordSlowReturns() throws InterruptedException {
        RequestMonitor monitor = new RequestMonitor(Duration.ofMillis(200), 100, 6);
        SlowRequest slow =
                new SlowRequest(1_000, "GET", "/alloc", "/alloc", 200, 250.0, RequestCost.Breakdown.NONE, "r1");
        AtomicReference<List<SlowRequest>> seenWhenItReturned = new AtomicReference<>();
        Thread handler = Thread.ofVirtual().start(() -> {
            monitor.recordSlow(slow, Thread.currentThread(), 0, 250_000_000L);
            seenWhenItReturned.set(monitor.slowRequests());
        });
        handler.join();
        // No sampler attached: there is nothing to wait for, so the entry is there when recordSlow returns.
        assertThat(seenWhenItReturned.get()).containsExactly(slow);
        assertThat(slow.cost().allocatedBytes()).isEqualTo(-1);
    }
}
