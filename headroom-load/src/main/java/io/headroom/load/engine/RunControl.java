package io.headroom.load.engine;

/** Shared stop flag of a run: set by the executor at the end, by abort-on-fail, or by an exhausted feeder. */
public final class RunControl {

    private volatile String stopReason;

    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean stopping() {
        return stopReason != null;
    }

    /** Why the run stopped early, or null when it ran its planned course. */
    public String stopReason() {
        return stopReason;
    }
}
