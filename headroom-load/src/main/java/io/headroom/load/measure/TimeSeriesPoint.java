package io.headroom.load.measure;

/**
 * One second (or reporting interval) of the run, for the progress line and the HTML charts. Times in ms;
 * {@code requests}, {@code errors} and {@code dropped} are totals since the start.
 *
 * @param elapsedSeconds end of the interval, from the start of its phase
 * @param intervalSeconds length of the interval (the last one of a run is usually shorter than a second)
 * @param vus busy VUs (running an iteration) at the end of the interval
 * @param requests requests finished since the start (the interval's own count is {@code rps × intervalSeconds})
 * @param maxSendLagMs the largest send lag (actual send − intended start) among the requests finished in
 *                     the interval: in the open model, how far the generator itself was behind its schedule
 * @param generatorCpu the load generator's own process CPU over the interval, as a share of all the machine's
 *                     cores (0..1); -1 when the platform does not say
 */
public record TimeSeriesPoint(
        double elapsedSeconds,
        double intervalSeconds,
        int vus,
        double rps,
        double errorsPerSecond,
        double p50,
        double p95,
        double p99,
        long requests,
        long errors,
        long dropped,
        double maxSendLagMs,
        double generatorCpu) {

    /** Whether any request finished in this interval (its percentiles mean something). */
    public boolean hasRequests() {
        return rps > 0;
    }
}
