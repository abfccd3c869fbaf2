package io.headroom.toolkit.metrics;

/**
 * One route's figures at one moment: counts since start, the last minute's request count and
 * error rate, and latency over the last minute, last five minutes, since start, and the minute
 * before the last one (the degradation baseline).
 */
public record RouteSnapshot(
        String method,
        String route,
        long count,
        long errors,
        long slow,
        long bytesOut,
        StatusClasses status,
        long lastMinuteCount,
        double lastMinuteErrorRate,
        LatencySummary lastMinute,
        LatencySummary lastFiveMinutes,
        LatencySummary sinceStart,
        LatencySummary previousMinute) {

    public String key() {
        return method + " " + route;
    }

    public record StatusClasses(long s1xx, long s2xx, long s3xx, long s4xx, long s5xx) {}
}
