package io.headroom.load.measure;

/** One second (or reporting interval) of the run, for the progress line and the HTML charts. Times in ms. */
public record TimeSeriesPoint(double elapsedSeconds, int vus, double rps, double errorsPerSecond,
                              double p50, double p95, double p99, long dropped) {
}
