package io.headroom.toolkit.ratelimit;

/**
 * One bucket's answer to "take a token".
 *
 * @param consumed whether the token was taken
 * @param remaining tokens left after this one
 * @param nanosToRefill when rejected, how long until a token is back
 * @param nanosToReset how long until the bucket is full again
 */
public record Probe(boolean consumed, long remaining, long nanosToRefill, long nanosToReset) {}
