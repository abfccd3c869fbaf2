package io.headroom.explorer.catalog;

/** SVC-6: the "community data points" of a dataset, records × columns × completeness / 100. */
public final class CommunityDataPoints {
    private CommunityDataPoints() {}

    /** Rounded down; 0 when any factor is unknown. */
    public static long of(Long recordCount, Integer columnCount, Double completeness) {
        if (recordCount == null || columnCount == null || completeness == null) {
            return 0;
        }
        return (long) Math.floor(recordCount * (double) columnCount * completeness / 100.0);
    }
}
