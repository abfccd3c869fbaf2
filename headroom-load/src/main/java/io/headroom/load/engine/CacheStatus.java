package io.headroom.load.engine;

/**
 * Whether a response came from a cache between the generator and the origin (a CDN, nginx), as its
 * headers say: {@code CF-Cache-Status}, {@code X-Cache}, {@code X-Cache-Status}, or else {@code Age}.
 * Bytes rather than an enum: one per sample on the hot path.
 */
public final class CacheStatus {

    /** No cache header: not counted in the hit ratio. */
    public static final byte UNKNOWN = 0;

    public static final byte HIT = 1;
    public static final byte MISS = 2;

    private CacheStatus() {}
}
