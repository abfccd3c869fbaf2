package io.headroom.load.server;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The server side of a run: what happened to each monitored instance's polls, its per-second points
 * (ordered by time, then instance), and the server-side response times per route over the measured run,
 * all instances together.
 *
 * @param routeMicros per {@code METHOD template}: response times of the requests seen in the services'
 *                    recent rings during the run, microseconds
 * @param statements the statements the services ran during the run, by total time, largest first
 */
public record ServerTimeline(
        List<Instance> instances,
        List<ServerPoint> points,
        Map<String, Histogram> routeMicros,
        List<StatementUse> statements) {

    /** A timeline without statements (a service whose query monitor saw none, or an older document). */
    public ServerTimeline(List<Instance> instances, List<ServerPoint> points, Map<String, Histogram> routeMicros) {
        this(instances, points, routeMicros, List.of());
    }

    /**
     * One monitored instance.
     *
     * @param headroom whether it answered with a Headroom stats document (false: client-side analysis only)
     * @param polls polls answered; {@code failedPolls} those that failed or timed out; {@code skippedPolls}
     *              ticks not polled because the poller was behind (its thread was not scheduled in time)
     * @param warning why it gave no timeline, or null
     */
    public record Instance(
            String statsUrl, boolean headroom, long polls, long failedPolls, long skippedPolls, String warning) {}

    /** Whether any instance gave points. */
    public boolean hasPoints() {
        return !points.isEmpty();
    }
}
