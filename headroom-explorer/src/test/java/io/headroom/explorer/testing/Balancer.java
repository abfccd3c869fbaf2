package io.headroom.explorer.testing;

import io.headroom.toolkit.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A client that spreads requests over instances the way a load balancer does: it probes each instance's
 * readiness ({@code /api/health/ready}) continuously and sends only to those that answered 200, round
 * robin. A request that an instance never admitted (refused, or closed before a status line) goes to
 * another ready instance, as nginx's {@code proxy_next_upstream error} does for a GET; one that was
 * admitted is never sent twice, so its failure is the test's to see.
 */
public final class Balancer implements AutoCloseable {
    private final LoadClient client;
    private final List<Integer> ports;
    private final Map<Integer, Boolean> ready = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final AtomicBoolean probing = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Exchange> retried = new ConcurrentLinkedQueue<>();
    private final List<Thread> probers;

    public Balancer(LoadClient client, List<Integer> ports) {
        this.client = client;
        this.ports = List.copyOf(ports);
        this.ports.forEach(port -> ready.put(port, false));
        // One prober per instance: a slow answer from one does not delay what the balancer knows of the other.
        this.probers = this.ports.stream()
                .map(port -> Thread.ofVirtual().name("balancer-probe-" + port).start(() -> probe(port)))
                .toList();
    }

    private void probe(int port) {
        while (probing.get()) {
            ready.put(port, client.get(port, "/api/health/ready").status() == 200);
            // Probe pace: 20 probes a second per instance, each one a database check, well inside the 2 s the service
            // keeps serving after its readiness turns 503 (HEADROOM_SHUTDOWN_DELAY); nothing is timed by it.
            LockSupport.parkNanos(50_000_000);
        }
    }

    public boolean isReady(int port) {
        return ready.get(port);
    }

    /** Waits until the probes see the instance on {@code port} ready (in) or not (out). */
    public void awaitReady(int port, boolean in) {
        Await.until(
                Duration.ofSeconds(90),
                "the balancer sees :" + port + (in ? " ready" : " not ready"),
                () -> ready.get(port) == in);
    }

    /**
     * Sends to the next ready instance; a request that instance did not admit goes to another ready one
     * (waiting, within a deadline, for one to be ready). Returns the exchange that was admitted, or the last
     * attempt's failure if none admitted it.
     */
    public Exchange get(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exchange last = null;
        while (System.nanoTime() < deadline) {
            Integer port = pick();
            if (port == null) {
                LockSupport.parkNanos(2_000_000); // no instance is ready yet: wait for the probes
                continue;
            }
            last = client.get(port, path);
            if (last.responseStarted()) {
                return last;
            }
            retried.add(last);
            ready.put(port, false); // out until its probe answers again, as a balancer marks a failed upstream
        }
        return last != null ? last : new Exchange(-1, path, 0, 0, false, -1, null, null, "no instance was ready");
    }

    private Integer pick() {
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get((int) Math.floorMod(next.getAndIncrement(), (long) ports.size()));
            if (ready.get(port)) {
                return port;
            }
        }
        return null;
    }

    /** The attempts no instance admitted, each sent again elsewhere. */
    public List<Exchange> retried() {
        return List.copyOf(retried);
    }

    @Override
    public void close() {
        probing.set(false);
        for (Thread prober : probers) {
            try {
                prober.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
