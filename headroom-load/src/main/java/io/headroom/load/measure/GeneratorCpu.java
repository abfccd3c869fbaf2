package io.headroom.load.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The load generator's own CPU: its process CPU time, read once per reported second. A generator that uses
 * most of the machine, or that the machine starves, measures itself; the diagnosis needs to know which.
 */
final class GeneratorCpu {

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private GeneratorCpu() {}

    /** CPU time of this process so far, nanoseconds; -1 when the platform does not say. */
    static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** {@code cpuNanos} over an interval of {@code seconds}, as a share of all cores; -1 when unknown. */
    static double share(long cpuNanos, double seconds, boolean known) {
        if (!known || seconds <= 0) {
            return -1;
        }
        return Math.clamp(cpuNanos / (seconds * 1e9 * CORES), 0.0, 1.0);
    }
}
