package io.headroom.toolkit.ratelimit;

/**
 * How a route is limited. {@link #EXEMPT}: never (health, readiness, metrics: a probe must not be turned
 * away); {@link #AUTH}: not rate limited (RATE-2) but brute-force guarded; {@link #PAGE}: the client-address
 * limit only (the UI and its assets); {@link #API} and {@link #HEAVY}: the address, the user and the class's own limit.
 */
public enum RouteClass {
    EXEMPT,
    AUTH,
    PAGE,
    API,
    HEAVY
}
