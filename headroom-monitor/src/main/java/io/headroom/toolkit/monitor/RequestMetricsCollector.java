package io.headroom.toolkit.monitor;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * Exposes the request recorders to Prometheus at scrape time, registered on the Micrometer
 * Prometheus registry so {@code /metrics} stays one scrape:
 * {@code http_server_requests_seconds} (a classic histogram per method and route template, whose
 * buckets Prometheus can sum across instances), {@code http_server_responses_total} by status
 * class, {@code http_server_response_bytes_total} and {@code http_server_slow_requests_total}.
 *
 * <p>Why not a Micrometer timer per request: it measured at more than twice the cost of the rest
 * of the recording path together (see docs/monitoring.md), and the HdrHistogram already holds
 * the distribution; bucket counts are read from it here, off the request path.
 */
final class RequestMetricsCollector implements MultiCollector {
    /** Bucket upper bounds in seconds: 1 ms to 30 s, dense where web latencies live. */
    static final double[] BOUNDS_SECONDS = {
        0.001,
        0.0025,
        0.005,
        0.01,
        0.025,
        0.05,
        0.075,
        0.1,
        0.15,
        0.2,
        0.3,
        0.5,
        0.75,
        1,
        1.5,
        2,
        3,
        5,
        10,
        30,
        Double.POSITIVE_INFINITY
    };

    private static final long[] BOUNDS_MICROS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_MICROS[i] =
                    Double.isInfinite(BOUNDS_SECONDS[i]) ? Long.MAX_VALUE : Math.round(BOUNDS_SECONDS[i] * 1e6);
        }
    }

    private final RequestMonitor requests;

    RequestMetricsCollector(RequestMonitor requests) {
        this.requests = requests;
    }

    @Override
    public MetricSnapshots collect() {
        List<RouteSeries> all = requests.series(BOUNDS_MICROS);
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder()
                .name("http_server_requests_seconds")
                .help("HTTP request latency by method and route template");
        CounterSnapshot.Builder responses = CounterSnapshot.builder()
                .name("http_server_responses")
                .help("HTTP responses by method, route template and status class");
        CounterSnapshot.Builder bytes = CounterSnapshot.builder()
                .name("http_server_response_bytes")
                .help("Bytes written for HTTP responses (status line, headers and body)");
        CounterSnapshot.Builder slow = CounterSnapshot.builder()
                .name("http_server_slow_requests")
                .help("HTTP requests over the slow-request threshold");
        for (RouteSeries r : all) {
            Labels labels = Labels.of("method", r.method(), "uri", r.route());
            long[] perBucket = new long[r.cumulative().length];
            long previous = 0;
            for (int i = 0; i < perBucket.length; i++) { // the model takes per-bucket counts and cumulates them itself
                perBucket[i] = r.cumulative()[i] - previous;
                previous = r.cumulative()[i];
            }
            latency.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, perBucket))
                    .sum(r.sumSeconds())
                    .build());
            for (int i = 0; i < 5; i++) {
                if (r.statusClasses()[i] > 0) {
                    responses.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels.add("status", (i + 1) + "xx"))
                            .value((double) r.statusClasses()[i])
                            .build());
                }
            }
            bytes.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value((double) r.bytesOut())
                    .build());
            slow.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value((double) r.slow())
                    .build());
        }
        return MetricSnapshots.of(latency.build(), responses.build(), bytes.build(), slow.build());
    }

    record RouteSeries(
            String method,
            String route,
            long[] cumulative,
            long count,
            double sumSeconds,
            long[] statusClasses,
            long bytesOut,
            long slow) {}
}
