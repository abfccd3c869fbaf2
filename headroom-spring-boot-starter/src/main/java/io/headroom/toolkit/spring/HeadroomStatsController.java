package io.headroom.toolkit.spring;

import io.headroom.toolkit.monitor.PerformanceStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The stats document at {@code headroom.stats.path}, for services that do not expose Actuator. */
@RestController
class HeadroomStatsController {
    private final HeadroomMonitor monitor;
    private final HeadroomProperties.Stats settings;

    HeadroomStatsController(HeadroomMonitor monitor, HeadroomProperties.Stats settings) {
        this.monitor = monitor;
        this.settings = settings;
    }

    @GetMapping(path = "${headroom.stats.path}", produces = "application/json")
    PerformanceStats stats() {
        return monitor.stats(settings.getRecentRequests(), settings.getResourceHistory());
    }
}
