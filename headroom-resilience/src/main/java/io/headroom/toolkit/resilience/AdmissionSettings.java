package io.headroom.toolkit.resilience;

import java.time.Duration;

/**
 * @param maxConcurrency the adaptive limit's ceiling (for a pool, its size: more cannot run at once anyway)
 * @param queue how many may wait for a slot; beyond that, refused at once
 * @param deadline how long one may wait; past it, refused
 * @param algorithm which adaptive limit
 */
public record AdmissionSettings(int maxConcurrency, int queue, Duration deadline, LimitAlgorithm algorithm) {
    public AdmissionSettings {
        if (maxConcurrency < 1 || queue < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("Admission: concurrency >= 1, queue >= 0, deadline >= 0");
        }
    }

    /** With Gradient2, the library's recommended default. */
    public AdmissionSettings(int maxConcurrency, int queue, Duration deadline) {
        this(maxConcurrency, queue, deadline, LimitAlgorithm.GRADIENT2);
    }
}
