package io.headroom.toolkit.monitor;

/** One entry of the recent-requests ring. */
public record RecentRequest(
        long atEpochMillis, String method, String route, int status, double durationMs, long bytesOut) {}
