package io.headroom.toolkit.monitor;

import io.headroom.toolkit.metrics.RequestCost;

/**
 * A request over the slow threshold, with where its time and memory went; {@code requestId} is the one
 * sent as {@code X-Request-Id} (or the caller's, or a new one when the response carried none).
 */
public record SlowRequest(
        long atEpochMillis,
        String method,
        String route,
        String path,
        int status,
        double durationMs,
        RequestCost.Breakdown cost,
        String requestId) {}
