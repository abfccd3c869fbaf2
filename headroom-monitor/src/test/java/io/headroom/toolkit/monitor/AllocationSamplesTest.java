package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocationSamplesTest {

    @Test
    void sumsTheWeightsOfTheThreadInsideTheWindowOnly() {
        AllocationSamples samples = new AllocationSamples(16);
        samples.add(7, 100, 1_000); // before the window
        samples.add(7, 200, 10_000);
        samples.add(8, 250, 50_000); // another thread
        samples.add(7, 300, 20_000);
        samples.add(7, 401, 4_000); // after the window
        assertThat(samples.attribute(7, 200, 400)).isEqualTo(30_000);
        assertThat(samples.attribute(8, 200, 400)).isEqualTo(50_000);
        assertThat(samples.attribute(9, 200, 400)).isZero();
    }

    @Test
    void aWindowHoldingASampleOfAnUnknownThreadIsUnknown() {
        AllocationSamples samples = new AllocationSamples(16);
        samples.add(7, 200, 10_000);
        samples.add(AllocationSamples.UNKNOWN_THREAD, 250, 10_000);
        assertThat(samples.attribute(7, 200, 300)).isEqualTo(-1);
        assertThat(samples.attribute(7, 100, 220))
                .as("the unknown sample lies outside this window")
                .isEqualTo(10_000);
    }

    @Test
    void aWindowStartingBeforeTheOldestKeptSampleIsUnknown() {
        AllocationSamples samples = new AllocationSamples(4);
        for (int i = 1; i <= 6; i++) {
            samples.add(7, i * 100L, 1_000); // 100..600; the ring keeps 300..600
        }
        assertThat(samples.capacity()).isEqualTo(4);
        assertThat(samples.attribute(7, 150, 700))
                .as("samples at 100 and 200 were overwritten")
                .isEqualTo(-1);
        assertThat(samples.attribute(7, 250, 700)).isEqualTo(4_000);
    }
}
