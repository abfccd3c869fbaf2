package io.headroom.toolkit.spring;

import io.headroom.toolkit.monitor.PerformanceStats;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** The stats document as the Actuator endpoint {@code /actuator/headroom} (expose it with management.endpoints.web.exposure.include). */
@Endpoint(id = "headroom")
public class HeadroomStatsEndpoint {
    private final HeadroomMonitor monitor;
    private final HeadroomProperties.Stats settings;

    HeadroomStatsEndpoint(HeadroomMonitor monitor, HeadroomProperties.Stats settings) {
        this.monitor = monitor;
        this.settings = settings;
    }

    @ReadOperation
    public PerformanceStats stats() {
        return monitor.stats(settings.getRecentRequests(), settings.getResourceHistory());
    }
}
