package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    @Test
    void keepsTheNewestRequestsNewestFirst() {
        RecentRequests ring = new RecentRequests(1000);
        for (int i = 0; i < 1500; i++) {
            ring.add(i, "GET", "/r/" + (i % 3), 200 + i % 2, i * 1_000_000L, i);
        }
        assertThat(ring.total()).isEqualTo(1500);
        var newest = ring.newest(1000);
        assertThat(newest).hasSize(1000);
        assertThat(newest.get(0)).isEqualTo(new RecentRequest(1499, "GET", "/r/2", 201, 1499.0, 1499));
        assertThat(newest.get(999).atEpochMillis()).isEqualTo(500);
    }

    @Test
    void neverReturnsMoreThanWasRecorded() {
        RecentRequests ring = new RecentRequests(1000);
        ring.add(1, "POST", "/x", 500, 5, 10);
        assertThat(ring.newest(20)).containsExactly(new RecentRequest(1, "POST", "/x", 500, 5 / 1_000_000.0, 10));
    }
}
