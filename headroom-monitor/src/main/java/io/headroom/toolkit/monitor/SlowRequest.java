package io.headroom.toolkit.monitor;

import io.headroom.toolkit.metrics.RequestCost;

/** A request over the slow threshold, with where its time and memory went. */
public record SlowRequest(
        long atEpochMillis,
        String method,
        String route,
        String path,
        int status,
        double durationMs,
        RequestCost.Breakdown cost) {}
