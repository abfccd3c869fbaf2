"""Helpers for reading `headroom load`'s summary.json in the bench scripts."""


def requests_at(summary, wall):
    """Cumulative requests at a wall-clock instant (epoch seconds), interpolated in the per-second series."""
    elapsed = wall - summary["startEpochMillis"] / 1000.0
    prev = (0.0, 0)
    for p in summary["series"]:
        if p["elapsedSeconds"] >= elapsed:
            span = p["elapsedSeconds"] - prev[0]
            f = 0 if span <= 0 else (elapsed - prev[0]) / span
            return prev[1] + f * (p["requests"] - prev[1])
        prev = (p["elapsedSeconds"], p["requests"])
    return prev[1]
