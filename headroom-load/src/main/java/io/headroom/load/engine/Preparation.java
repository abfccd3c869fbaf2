package io.headroom.load.engine;

/**
 * What a run did before its schedule's time zero.
 *
 * @param planned connections the executor starts with (pre-allocated VUs, or the closed model's VUs)
 * @param opened how many of them were open at time zero
 * @param burstRequests requests of the unmeasured warm-up burst (they reached the target, but no figure)
 * @param burstSkipped why there was no burst (e.g. "POST requests"), or null
 */
public record Preparation(int planned, int opened, int burstRequests, String burstSkipped) {

    public static final Preparation NONE = new Preparation(0, 0, 0, "no HTTP requests");
    /** {@code burstSkipped} when the user turned the burst off ({@code --no-warmup-burst}). */
    public static final String TURNED_OFF = "turned off (--no-warmup-burst)";

    public String describe() {
        return opened + " of " + planned + " connections opened in advance; "
                + (burstSkipped == null
                        ? "unmeasured warm-up burst of " + burstRequests + " requests"
                        : TURNED_OFF.equals(burstSkipped)
                                ? "no warm-up burst (" + TURNED_OFF + ")"
                                : "no warm-up burst (the scenario has " + burstSkipped + ")");
    }
}
