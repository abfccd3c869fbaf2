package io.headroom.load.server;

import java.util.List;

/** The server side of a finished run: the timeline and the server thresholds evaluated on it. */
public record ServerReport(ServerTimeline timeline, List<ServerThresholdResult> thresholds) {

    public boolean passed() {
        return thresholds.stream().allMatch(ServerThresholdResult::passed);
    }
}
