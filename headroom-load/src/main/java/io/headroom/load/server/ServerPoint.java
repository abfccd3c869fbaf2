package io.headroom.load.server;

import java.util.Map;

/**
 * One instance's second of the measured run, derived from two consecutive polls. NaN means the document
 * did not offer the figure (or nothing happened that second to derive it from); writers leave it out.
 *
 * @param instance index into the timeline's instances
 * @param elapsedSeconds end of the interval from the start of the measured run: the same clock and ticks as
 *                       the client's per-second series ({@code series[].elapsedSeconds})
 * @param epochMillis the run's start plus {@code elapsedSeconds}
 * @param intervalSeconds time between the two documents' own timestamps
 * @param requests requests the service finished in the interval (the poller's own stats requests excluded)
 * @param routes per {@code METHOD template}, requests that route finished in the interval
 * @param poolWaitMs mean connection acquire time of the interval's acquisitions (NaN when the document's rounding
 *                   of its since-start mean could make up more than a tenth of it: see InstanceTimeline#fromMeans)
 * @param poolAcquireP95Ms acquire p95 since the service started (the document keeps no shorter window)
 * @param cacheHitRate hits / lookups of the interval over all keyspaces; {@code cacheHitRates} per keyspace
 * @param gcPauseMs the interval's mean GC pause, or the service's longest pause when that grew in it
 * @param cpu process CPU, 0..1, as of the service's latest resource sample
 * @param systemCpu the machine's CPU, 0..1, other processes included (same sample)
 * @param cpuOfAvailable process CPU as a share of the CPUs the service may use, 0..1 (same sample): 1.0 for a
 *                       saturated service pinned to one core of two, whose {@code cpu} reads 0.5
 * @param poolMax the pool's maximum size (active = max with threads waiting is a saturated pool)
 */
public record ServerPoint(
        int instance,
        double elapsedSeconds,
        long epochMillis,
        double intervalSeconds,
        long requests,
        Map<String, RoutePoint> routes,
        double poolActive,
        double poolIdle,
        double poolWaiting,
        double poolWaitMs,
        double poolAcquireP95Ms,
        double dbTimeMsPerRequest,
        double statementsPerRequest,
        double cacheHitRate,
        Map<String, Double> cacheHitRates,
        double gcCount,
        double gcPauseMs,
        double gcTimeMs,
        double cpu,
        double heapUsedBytes,
        double threads,
        double systemCpu,
        double cpuOfAvailable,
        double poolMax) {

    /**
     * One route's interval.
     *
     * @param samples how many of the route's requests in the interval were in the document's recent ring:
     *                p50/p99 rest on them (fewer than {@code count} when the ring overflowed)
     */
    public record RoutePoint(long count, long errors, double p50, double p99, int samples) {}
}
