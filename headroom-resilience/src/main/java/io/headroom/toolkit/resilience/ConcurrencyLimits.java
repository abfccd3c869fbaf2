package io.headroom.toolkit.resilience;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Overload protection per route class (RATE-5): each limited class has its own adaptive
 * {@link ConcurrencyLimit} and wait queue, so a flood of heavy exports cannot take the places of API
 * reads, nor a login storm those of either. Classes not added (health, readiness, metrics) are never
 * limited. Framework-neutral: an adapter classifies the request and calls {@link #enter}.
 *
 * @param <K> the route class (the explorer uses the rate limiter's {@code RouteClass}: one classification)
 */
public final class ConcurrencyLimits<K> {
    /** When a request of a class takes its permit. */
    public enum Admit {
        /** As it arrives: every request of the class costs (a sample read, a password hash). */
        ON_ARRIVAL,
        /**
         * At its first database connection ({@link AdmittedDataSource}): a response-cache hit never asks for
         * one, so it is admitted ahead of all database work, never queued and never shed.
         */
        ON_DATABASE_WORK
    }

    private record ClassLimit(ConcurrencyLimit limit, Admit admit) {}

    private final Map<K, ClassLimit> limits;

    private ConcurrencyLimits(Map<K, ClassLimit> limits) {
        this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    public static <K> ConcurrencyLimits<K> none() {
        return new ConcurrencyLimits<>(Map.of());
    }

    /** Adds a class's limit (named for the class in 503 details). */
    public ConcurrencyLimits<K> with(K routeClass, String name, AdmissionSettings settings, Admit admit) {
        Map<K, ClassLimit> more = new LinkedHashMap<>(limits);
        more.put(routeClass, new ClassLimit(new ConcurrencyLimit(name, settings), admit));
        return new ConcurrencyLimits<>(more);
    }

    /**
     * A request of {@code routeClass} begins: bound to this thread until closed; {@link RequestAdmission#refused()}
     * when its class admits on arrival and refused it (queue full: at once; else after the wait's deadline).
     */
    public RequestAdmission enter(K routeClass) {
        ClassLimit c = limits.get(routeClass);
        if (c == null) {
            return RequestAdmission.UNLIMITED;
        }
        RequestAdmission admission = RequestAdmission.bind(c.limit());
        if (c.admit() == Admit.ON_ARRIVAL && !admission.claim()) {
            admission.close();
            return RequestAdmission.REFUSED;
        }
        return admission;
    }

    /** The class's limit, for gauges and tests. */
    public Optional<ConcurrencyLimit> limit(K routeClass) {
        return Optional.ofNullable(limits.get(routeClass)).map(ClassLimit::limit);
    }
}
