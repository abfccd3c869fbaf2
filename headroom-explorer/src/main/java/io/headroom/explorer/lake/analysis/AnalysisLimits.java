package io.headroom.explorer.lake.analysis;

/**
 * How much of a file analysis reads.
 *
 * @param exactCountLimitBytes files up to this size (as stored, i.e. compressed for .gz) are counted
 *     to the last record; larger ones are estimated (HEADROOM_EXACT_COUNT_LIMIT_BYTES)
 * @param estimatePrefixBytes how many stored bytes an estimate reads: records per byte in this prefix
 *     × file size
 * @param profileRows rows whose cells decide column types and completeness (SVC-3: 1,000)
 */
public record AnalysisLimits(long exactCountLimitBytes, long estimatePrefixBytes, int profileRows) {
    public static final long DEFAULT_ESTIMATE_PREFIX_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_PROFILE_ROWS = 1000;

    public AnalysisLimits {
        if (exactCountLimitBytes < 0 || estimatePrefixBytes < 1 || profileRows < 1) {
            throw new IllegalArgumentException("limits must be positive: " + exactCountLimitBytes + ", "
                    + estimatePrefixBytes + ", " + profileRows);
        }
    }

    public static AnalysisLimits withExactCountLimit(long exactCountLimitBytes) {
        return new AnalysisLimits(exactCountLimitBytes, DEFAULT_ESTIMATE_PREFIX_BYTES, DEFAULT_PROFILE_ROWS);
    }
}
