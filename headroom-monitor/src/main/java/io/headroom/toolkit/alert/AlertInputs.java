package io.headroom.toolkit.alert;

import io.headroom.toolkit.metrics.RouteSnapshot;
import java.util.List;

/**
 * What the rules look at, gathered once per evaluation. Ratios are 0..1 and negative when
 * unknown (a rule never fires on an unknown value). {@code heapAfterGcBytes} is oldest first.
 */
public record AlertInputs(
        double processCpu,
        double heapUsedRatio,
        double diskUsedRatio,
        double poolUtilisation,
        List<RouteSnapshot> routes,
        List<Long> heapAfterGcBytes) {}
