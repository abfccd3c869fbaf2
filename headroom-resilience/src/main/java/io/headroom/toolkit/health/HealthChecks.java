package io.headroom.toolkit.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A set of named checks run together: all in parallel (one virtual thread each), each under its own
 * timeout, so the report takes as long as the slowest check's timeout at most, never the sum. A check
 * that runs out of time is DOWN with "timed out" and is interrupted; one that hangs in a non-interruptible
 * call (a socket read) keeps only its own virtual thread, not the caller.
 */
public final class HealthChecks {
    private record Component(String name, boolean required, Duration timeout, HealthCheck check) {}

    private final List<Component> components;

    private HealthChecks(List<Component> components) {
        this.components = List.copyOf(components);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check now. */
    public HealthReport run() {
        Map<String, Future<String>> futures = new LinkedHashMap<>();
        Map<String, Long> started = new LinkedHashMap<>();
        // A fresh per-run executor: virtual threads cost nothing idle, and close() does not wait for
        // stragglers because every future is either done or cancelled by then.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Component c : components) {
                started.put(c.name(), System.nanoTime());
                futures.put(c.name(), executor.submit(c.check()::check));
            }
            Map<String, ComponentHealth> results = new LinkedHashMap<>();
            boolean up = true;
            for (Component c : components) {
                ComponentHealth health = await(c, futures.get(c.name()), started.get(c.name()));
                results.put(c.name(), health);
                up &= health.up() || !c.required();
            }
            return new HealthReport(up ? ComponentHealth.UP : ComponentHealth.DOWN, results);
        } finally {
            executor.shutdownNow();
        }
    }

    private static ComponentHealth await(Component c, Future<String> future, long startNanos) {
        long remaining = c.timeout().toNanos() - (System.nanoTime() - startNanos);
        try {
            String detail = future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            return new ComponentHealth(ComponentHealth.UP, c.required(), millisSince(startNanos), detail);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ComponentHealth(
                    ComponentHealth.DOWN,
                    c.required(),
                    c.timeout().toNanos() / 1e6,
                    "timed out after " + c.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new ComponentHealth(ComponentHealth.DOWN, c.required(), millisSince(startNanos), message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new ComponentHealth(ComponentHealth.DOWN, c.required(), millisSince(startNanos), "interrupted");
        }
    }

    private static double millisSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0; // two decimals
    }

    public static final class Builder {
        private final List<Component> components = new ArrayList<>();

        private Builder() {}

        /** A component whose failure makes the report DOWN. */
        public Builder required(String name, Duration timeout, HealthCheck check) {
            return add(new Component(name, true, timeout, check));
        }

        /** A component reported on, whose failure leaves the report UP (degraded: a cache, say). */
        public Builder optional(String name, Duration timeout, HealthCheck check) {
            return add(new Component(name, false, timeout, check));
        }

        private Builder add(Component component) {
            if (component.timeout().isNegative() || component.timeout().isZero()) {
                throw new IllegalArgumentException(
                        "The timeout of health check " + component.name() + " must be positive");
            }
            if (components.stream().anyMatch(c -> c.name().equals(component.name()))) {
                throw new IllegalArgumentException("Two health checks are named " + component.name());
            }
            components.add(component);
            return this;
        }

        public HealthChecks build() {
            return new HealthChecks(components);
        }
    }
}
