package io.headroom.toolkit.monitor;

/**
 * One resource sample (MON-7). Ratios are 0..1; -1 means "not available on this platform".
 * Disk and network figures are cumulative bytes since boot/process start as the OS reports
 * them (rates are the difference between two samples). {@code heapAfterGcBytes} is the heap
 * left after the most recent collection, the input of the leak detector. {@code processCpu} is the
 * process's share of the whole machine; {@code processCpuOfAvailable} its share of the CPUs it may use
 * (its affinity or its container's quota, {@link Runtime#availableProcessors()}) over the interval since
 * the previous sample: a service pinned to one core of two and saturated reads 0.5 and 1.0.
 */
public record ResourceSample(
        long atEpochMillis,
        double processCpu,
        double systemCpu,
        double processCpuOfAvailable,
        long heapUsedBytes,
        long heapMaxBytes,
        long heapAfterGcBytes,
        long nonHeapUsedBytes,
        long gcCount,
        long gcTimeMs,
        long gcLongestPauseMs,
        int threads,
        long openFileDescriptors,
        long maxFileDescriptors,
        long diskReadBytes,
        long diskWriteBytes,
        long netReceivedBytes,
        long netSentBytes,
        double diskUsedRatio) {

    public double heapUsedRatio() {
        return heapMaxBytes <= 0 ? -1 : (double) heapUsedBytes / heapMaxBytes;
    }
}
