package io.headroom.load.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured numbers advice is computed from; NaN where the source did not have it.
 *
 * @param source where they came from (a summary.json, a stats URL)
 * @param instances how many instances served the measured load
 * @param capacityRps requests per second all {@code instances} carried at the knee (or the estimate)
 * @param capacityIsLowerBound the ramp never crossed the goals: the capacity is at least this much
 * @param p95AtKneeMs p95 in the knee's window
 * @param kneeAtSeconds where in the run the knee was (NaN for live stats)
 * @param cpuAtKnee process CPU per instance at the knee, as a share of the machine's cores (0..1)
 * @param poolActiveAtKnee busy database connections per instance at the knee
 * @param dbMsPerRequest database time per request (ms) at the knee
 * @param cacheBytes bytes the instance's cache holds (its working set; the shared level holds the same keys)
 * @param cacheEntries entries behind {@code cacheBytes}
 * @param notes how each number was obtained, in order
 */
public record Evidence(
        String source,
        int instances,
        double capacityRps,
        boolean capacityIsLowerBound,
        double p95AtKneeMs,
        double kneeAtSeconds,
        double cpuAtKnee,
        double poolActiveAtKnee,
        double dbMsPerRequest,
        double cacheBytes,
        double cacheEntries,
        List<String> notes) {

    /** This evidence with the cache working set of a live stats document. */
    Evidence withCache(double bytes, double entries, String note) {
        List<String> all = new ArrayList<>(notes);
        all.add(note);
        return new Evidence(
                source,
                instances,
                capacityRps,
                capacityIsLowerBound,
                p95AtKneeMs,
                kneeAtSeconds,
                cpuAtKnee,
                poolActiveAtKnee,
                dbMsPerRequest,
                bytes,
                entries,
                List.copyOf(all));
    }
}
