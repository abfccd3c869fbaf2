package io.headroom.explorer.testing;

import io.headroom.toolkit.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * A steady closed-loop load: each worker sends its next request as soon as the last one is answered,
 * until {@link #stop()}, and every {@link Exchange} is kept for the test to judge afterwards. The
 * requests come from a function of a sequence number, so a test can mix routes or make each request
 * unique (an uncached one).
 */
public final class SteadyLoad implements AutoCloseable {
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    private SteadyLoad(int workers, LongFunction<Exchange> request) {
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofVirtual().name("steady-load-" + i).start(() -> {
                while (running.get()) {
                    exchanges.add(request.apply(sequence.getAndIncrement()));
                    recorded.incrementAndGet();
                }
            }));
        }
    }

    public static SteadyLoad start(int workers, LongFunction<Exchange> request) {
        return new SteadyLoad(workers, request);
    }

    /** How many exchanges have ended so far. */
    public long count() {
        return recorded.get();
    }

    /** Waits until {@code more} further exchanges have ended: the load went on for that long. */
    public void awaitMore(long more) {
        long target = recorded.get() + more;
        Await.until(Duration.ofMinutes(2), more + " more requests answered", () -> recorded.get() >= target);
    }

    /** Waits until an exchange that {@code wanted} accepts has ended (for example, the first 200 after an outage). */
    public void awaitExchange(String description, Predicate<Exchange> wanted) {
        Await.until(Duration.ofMinutes(2), description, () -> exchanges.stream().anyMatch(wanted));
    }

    /** Stops the workers (each ends its request in flight) and returns every exchange, in order of ending. */
    public List<Exchange> stop() {
        running.set(false);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return List.copyOf(exchanges);
    }

    @Override
    public void close() {
        running.set(false);
    }
}
