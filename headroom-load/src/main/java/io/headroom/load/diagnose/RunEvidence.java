package io.headroom.load.diagnose;

import java.util.List;
import java.util.Map;

/**
 * What a diagnosis looks at, read from a run's {@code summary.json} (so a finished run, a saved summary and
 * {@code analyze --server} are diagnosed by the same code): the client's seconds, each with the servers'
 * figures of that second when they were monitored, the labels, and the statements the services ran.
 * NaN: not known.
 *
 * @param serverStatus null when server figures are present; otherwise why not (no --monitor, not a Headroom
 *                     service): the diagnosis is then client-side only and says so
 * @param openModel whether the run had a schedule (send lag and dropped iterations mean something)
 * @param maxVus the open model's VU cap, 0 when not known
 */
public record RunEvidence(
        List<Second> seconds,
        List<Label> labels,
        Label total,
        List<Statement> statements,
        String serverStatus,
        boolean openModel,
        int maxVus) {

    public boolean hasServer() {
        return serverStatus == null;
    }

    /**
     * One second of the run.
     *
     * @param at the second's end, from the start of the measured run
     * @param sendLagMs the largest send lag of the second (the generator behind its schedule)
     * @param generatorCpu the generator's own CPU share of the machine, NaN unknown
     * @param server the servers' figures of this second (all instances together), or null
     */
    public record Second(
            double at,
            double clientP50,
            double clientP99,
            double rps,
            double errorsPerSecond,
            double sendLagMs,
            long dropped,
            double generatorCpu,
            int busyVus,
            Server server) {

        /** Every VU busy: a late send waited for the target to free one, not for the generator. */
        public boolean vusExhausted(int maxVus) {
            return maxVus > 0 && busyVus >= 0.9 * maxVus;
        }
    }

    /**
     * The monitored instances' figures of one second: the worst instance for gauges and latencies, the sum for
     * counts and pool sizes. {@code cpu} is a share of the machine; {@code cpuOfAvailable} a share of the CPUs
     * the service may use (NaN from a service that does not report it).
     */
    public record Server(
            double cpu,
            double systemCpu,
            double gcPauseMs,
            double gcTimeMsPerSecond,
            double poolActive,
            double poolMax,
            double poolWaiting,
            double poolWaitMs,
            double dbTimeMsPerRequest,
            double cacheHitRate,
            Map<String, Double> keyspaceHitRates,
            double heapUsedBytes,
            long requests,
            long errors,
            Map<String, Double> routeP99,
            Map<String, Double> routeP50,
            double cpuOfAvailable) {
        /** The service's own CPU saturation: of the CPUs it may use where known, else of the machine. */
        public double serviceCpu() {
            return Double.isNaN(cpuOfAvailable) ? cpu : Math.max(cpu, cpuOfAvailable);
        }
    }

    /** A client label's figures (ms). */
    public record Label(
            String name,
            long count,
            double errorRate,
            double med,
            double p95,
            double p99,
            double serviceP50,
            double serviceP99) {}

    /** A statement the services ran during the run, and the routes that ran it. */
    public record Statement(String sql, long count, double totalMs, double meanMs, List<String> routes) {}
}
