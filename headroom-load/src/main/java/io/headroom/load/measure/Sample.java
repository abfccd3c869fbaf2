package io.headroom.load.measure;

/**
 * One finished request.
 *
 * @param intendedStartNanos when the schedule wanted it sent ({@link System#nanoTime()} clock); equals
 *                           {@code sentNanos} in closed-model executors, which have no schedule
 * @param sentNanos when it was actually handed to the connection
 * @param firstByteNanos when the response began (0 when none arrived)
 * @param endNanos when the response was complete or the request failed
 * @param responseCode HTTP status, "jdbc" result or the error class
 * @param failureMessage empty when the request succeeded
 * @param vuId the VU that ran it (JTL threadName)
 * @param activeVus busy VUs when it finished (JTL grpThreads/allThreads)
 * @param url the full request URL (HTTP) or the JDBC URL
 * @param cacheStatus whether a cache in front of the target answered ({@code engine.CacheStatus})
 * @param serverAppMicros the service's own time as its {@code Server-Timing} header said ({@code app}), -1 when not sent
 * @param serverDbMicros its database time ({@code db}), -1 when not sent
 *     <p>One constructor: a sample without cache headers says {@code (byte) 0}, one without Server-Timing
 *     {@code -1, -1}.
 */
public record Sample(
        String label,
        long intendedStartNanos,
        long sentNanos,
        long firstByteNanos,
        long endNanos,
        String responseCode,
        boolean success,
        String failureMessage,
        long bytesReceived,
        long bytesSent,
        long connectNanos,
        int vuId,
        int activeVus,
        String url,
        byte cacheStatus,
        int serverAppMicros,
        int serverDbMicros) {

    /** Response time as the user saw it: from the intended send time (no coordinated omission). */
    public long responseTimeNanos() {
        return endNanos - intendedStartNanos;
    }

    /** Time the server (and network) took once the request was sent. */
    public long serviceTimeNanos() {
        return endNanos - sentNanos;
    }
}
