package io.headroom.explorer.lake.analysis;

/** A record count, exact or estimated. */
record RecordCount(long records, boolean exact) {

    /**
     * Records per stored byte in the prefix, times the file size. The prefix includes read-ahead
     * buffers (tens of KB against a prefix of MBs), so the estimate errs slightly low.
     */
    static RecordCount estimate(long recordsInPrefix, long prefixBytes, long sizeBytes) {
        if (prefixBytes <= 0) {
            return new RecordCount(recordsInPrefix, false);
        }
        long estimate = Math.round(recordsInPrefix * (double) sizeBytes / prefixBytes);
        return new RecordCount(Math.max(estimate, recordsInPrefix), false);
    }
}
