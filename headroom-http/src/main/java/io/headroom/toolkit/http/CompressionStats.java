package io.headroom.toolkit.http;

/** What compression did since start, per coding (HTTP-4 "ratio tracked"). */
public record CompressionStats(Coding brotli, Coding gzip) {

    /** @param ratio bytes out over bytes in (0.2 means an 80 % saving); 0 before the first body */
    public record Coding(String coding, long bodies, long bytesIn, long bytesOut, long nanos) {
        public double ratio() {
            return bytesIn == 0 ? 0 : (double) bytesOut / bytesIn;
        }
    }
}
