package io.headroom.load.engine;

/**
 * What one request returned, before checks: a status (HTTP code, or 0 when none), the body when it was
 * kept for checks, byte counts and timing from the connection.
 *
 * @param error the failure when no response was received (connect refused, timeout, SQL error), else null
 * @param serverAppMicros the service's own time from its {@code Server-Timing} header ({@code app}), -1 when not sent
 * @param serverDbMicros its database time ({@code db}), -1 when not sent
 */
public record Outcome(
        int status,
        String responseCode,
        String body,
        long bytesReceived,
        long bytesSent,
        long sentNanos,
        long firstByteNanos,
        long endNanos,
        long connectNanos,
        String error,
        byte cacheStatus,
        int serverAppMicros,
        int serverDbMicros) {

    /** An outcome without cache headers ({@link CacheStatus#UNKNOWN}). */
    public Outcome(
            int status,
            String responseCode,
            String body,
            long bytesReceived,
            long bytesSent,
            long sentNanos,
            long firstByteNanos,
            long endNanos,
            long connectNanos,
            String error) {
        this(
                status,
                responseCode,
                body,
                bytesReceived,
                bytesSent,
                sentNanos,
                firstByteNanos,
                endNanos,
                connectNanos,
                error,
                CacheStatus.UNKNOWN,
                -1,
                -1);
    }

    public static Outcome failed(String responseCode, String error, long sentNanos, long connectNanos) {
        long now = System.nanoTime();
        return new Outcome(0, responseCode, null, 0, 0, sentNanos, 0, now, connectNanos, error);
    }
}
