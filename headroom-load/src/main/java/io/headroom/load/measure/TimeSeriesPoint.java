package io.headroom.load.measure;

/**
 * One second (or reporting interval) of the run, for the progress line and the HTML charts. Times in ms;
 * {@code requests} and {@code errors} are totals since the start.
 */
public record TimeSeriesPoint(double elapsedSeconds, int vus, double rps, double errorsPerSecond,
                              double p50, double p95, double p99, long requests, long errors, long dropped) {
}
