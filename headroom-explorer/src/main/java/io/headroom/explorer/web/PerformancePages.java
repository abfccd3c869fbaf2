package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.toolkit.monitor.Monitoring;
import java.nio.file.Path;
import java.time.Instant;

/** The handlers behind the performance pages: the live stream, real-user beacons and load-test reports. */
record PerformancePages(PerformanceStream stream, RumBeacons rum, LoadReports reports) {
    PerformancePages(
            Monitoring monitoring, Instant startedAt, CatalogCache cache, InFlightRequests inFlight, Path loadReports) {
        this(monitoring, startedAt, cache, inFlight, new RumBeacons(), new LoadReports(loadReports));
    }

    private PerformancePages(
            Monitoring monitoring,
            Instant startedAt,
            CatalogCache cache,
            InFlightRequests inFlight,
            RumBeacons rum,
            LoadReports reports) {
        this(new PerformanceStream(monitoring, startedAt, cache, inFlight, rum), rum, reports);
    }
}
