package io.headroom.load.measure;

import org.HdrHistogram.Histogram;

/**
 * Final figures of one label or of all requests ("Total"). Times are milliseconds; response times are
 * measured from the intended send time, service times from the actual send time.
 */
public record LabelSummary(
        String label,
        long count,
        long errors,
        double errorRate,
        double rps,
        double min,
        double avg,
        double med,
        double p90,
        double p95,
        double p99,
        double p999,
        double max,
        double serviceP50,
        double serviceP95,
        double serviceP99,
        double serviceMax,
        long bytesReceived,
        long bytesSent,
        long cacheHits,
        long cacheMisses) {

    /** This label with the responses a cache answered ({@code hits}) and did not ({@code misses}). */
    public LabelSummary withCache(long hits, long misses) {
        return new LabelSummary(
                label,
                count,
                errors,
                errorRate,
                rps,
                min,
                avg,
                med,
                p90,
                p95,
                p99,
                p999,
                max,
                serviceP50,
                serviceP95,
                serviceP99,
                serviceMax,
                bytesReceived,
                bytesSent,
                hits,
                misses);
    }

    /** Share of the responses with a cache header that a cache answered; NaN when none had one. */
    public double cacheHitRatio() {
        long seen = cacheHits + cacheMisses;
        return seen == 0 ? Double.NaN : (double) cacheHits / seen;
    }

    /** The figures of {@code response} and {@code service} times (microseconds) over {@code seconds} of run time. */
    public static LabelSummary of(
            String label,
            Histogram response,
            Histogram service,
            long errors,
            long bytesReceived,
            long bytesSent,
            double seconds) {
        long n = response.getTotalCount();
        if (n == 0) {
            return new LabelSummary(
                    label, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, bytesReceived, bytesSent, 0, 0);
        }
        return new LabelSummary(
                label,
                n,
                errors,
                (double) errors / n,
                seconds > 0 ? n / seconds : 0,
                ms(response.getMinValue()),
                response.getMean() / 1000.0,
                pct(response, 50),
                pct(response, 90),
                pct(response, 95),
                pct(response, 99),
                pct(response, 99.9),
                ms(response.getMaxValue()),
                pct(service, 50),
                pct(service, 95),
                pct(service, 99),
                ms(service.getMaxValue()),
                bytesReceived,
                bytesSent,
                0,
                0);
    }

    private static double pct(Histogram h, double p) {
        return ms(h.getValueAtPercentile(p));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
