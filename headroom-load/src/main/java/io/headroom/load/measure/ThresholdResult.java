package io.headroom.load.measure;

import io.headroom.load.scenario.ThresholdSpec;

/** A threshold with the value measured for its scope and whether it held. */
public record ThresholdResult(ThresholdSpec spec, double actual, boolean passed) {}
