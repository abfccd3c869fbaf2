package io.headroom.load.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * The seconds of an open-model run in which the generator itself fell behind its schedule: a request
 * was sent more than {@code boundMs} after its intended start (no connection ready, all VUs busy, a
 * late scheduler thread), or iterations were dropped. The response times of those seconds still count
 * from the intended start, so they are correct; but they partly measure the generator, and the summary
 * says so rather than letting the server take the blame.
 *
 * @param seconds the seconds flagged, each by its start (second 0 is the run's first)
 * @param maxVus the executor's VU cap (0: not known). A second late with every VU busy was late because the
 *               target held the VUs, not because the generator could not keep up
 */
public record BehindSchedule(double boundMs, List<Second> seconds, int maxVus) {

    public BehindSchedule(double boundMs, List<Second> seconds) {
        this(boundMs, seconds, 0);
    }

    /** Send lag beyond this counts as falling behind: well above a scheduler's wake-up jitter (~0.1 ms). */
    public static final double DEFAULT_BOUND_MS = 10;

    /** One flagged second: the largest send lag among requests finished in it, and iterations dropped in it. */
    public record Second(int second, double maxSendLagMs, long dropped) {}

    public static BehindSchedule of(List<TimeSeriesPoint> series, double boundMs) {
        return of(series, boundMs, 0);
    }

    public static BehindSchedule of(List<TimeSeriesPoint> series, double boundMs, int maxVus) {
        List<Second> flagged = new ArrayList<>();
        long droppedBefore = 0;
        for (TimeSeriesPoint p : series) {
            long dropped = p.dropped() - droppedBefore;
            droppedBefore = p.dropped();
            if (p.maxSendLagMs() > boundMs || dropped > 0) {
                int second = (int) Math.floor(p.elapsedSeconds() - p.intervalSeconds() + 1e-6);
                flagged.add(new Second(second, p.maxSendLagMs(), dropped));
            }
        }
        return new BehindSchedule(boundMs, List.copyOf(flagged), maxVus);
    }
}
