package io.headroom.toolkit.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The WAL positions the lag is measured in; the lag itself is tested against a real replica (explorer). */
class ReplicaLagTest {
    @Test
    void aPgLsnIsItsHighAndLowWordsAsOneBytePosition() {
        assertThat(ReplicaLag.lsn("0/3000060")).isEqualTo(0x3000060L);
        assertThat(ReplicaLag.lsn("16/B374D848")).isEqualTo((0x16L << 32) + 0xB374D848L);
        assertThat(ReplicaLag.lsn("16/B374D848")).isGreaterThan(ReplicaLag.lsn("15/FFFFFFFF"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ReplicaLag.lsn("3000060")).isInstanceOf(IllegalArgumentException.class);
    }
}
