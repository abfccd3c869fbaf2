package io.headroom.load.server;

import io.headroom.load.scenario.ServerThreshold;

/** A server threshold and what the timeline gave for it: NaN (no server data) fails, since it was asked for. */
public record ServerThresholdResult(ServerThreshold threshold, double actual, boolean passed) {}
