package io.headroom.toolkit.http;

/** What compression did since start, per coding (HTTP-4 "ratio tracked"). */
public record CompressionStats(Coding brotli, Coding gzip) {

    public record Coding(String coding, long bodies, long bytesIn, long bytesOut, long nanos) {
        /** Bytes out over bytes in (0.2 means an 80 % saving); 0 before the first body. */
        public double ratio() {
            return bytesIn == 0 ? 0 : (double) bytesOut / bytesIn;
        }
    }
}
