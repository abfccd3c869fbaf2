package io.headroom.toolkit.resilience;

import java.time.Duration;

/**
 * @param maxConcurrency the adaptive limit's ceiling (the pool's size: more cannot run at once anyway)
 * @param queue how many may wait for a slot; beyond that, refused at once
 * @param deadline how long one may wait; past it, refused
 */
public record AdmissionSettings(int maxConcurrency, int queue, Duration deadline) {
    public AdmissionSettings {
        if (maxConcurrency < 1 || queue < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("Admission: concurrency >= 1, queue >= 0, deadline >= 0");
        }
    }
}
