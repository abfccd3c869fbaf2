package io.headroom.load.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where executors get their VUs: the first ones come with a connection opened before the schedule
 * started ({@code preAllocatedVUs}); the others are created on demand and connect on their first
 * request, a connect that delays that request (and shows in its send lag).
 *
 * <p>Opening connections in advance is what keeps a run's first second honest: connected lazily, an
 * open-model run at 2,000/s spent its first second connecting (up to 2,000 connects racing the schedule)
 * and its p99 read hundreds of times the steady one.
 */
public final class VirtualUsers implements AutoCloseable {

    private final List<VirtualUser> preOpened;
    private final int connected;

    private VirtualUsers(List<VirtualUser> preOpened, int connected) {
        this.preOpened = preOpened;
        this.connected = connected;
    }

    /** No VU prepared in advance (JDBC-only runs, tests). */
    public static VirtualUsers none() {
        return new VirtualUsers(List.of(), 0);
    }

    /**
     * Creates {@code count} VUs and opens their HTTP connections in parallel, waiting up to {@code timeoutMillis}.
     * A connect that fails or is late leaves its VU unconnected: it connects on its first request.
     */
    public static VirtualUsers open(HttpClientEngine http, int count, long timeoutMillis) throws InterruptedException {
        List<VirtualUser> vus = new ArrayList<>(count);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger connected = new AtomicInteger();
        for (int id = 0; id < count; id++) {
            VirtualUser vu = new VirtualUser(id);
            vus.add(vu);
            http.connect((connection, error, nanos) -> {
                if (connection != null) {
                    connection.openedInAdvance();
                    synchronized (vu) {
                        vu.http = connection;
                    }
                    connected.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return new VirtualUsers(List.copyOf(vus), connected.get());
    }

    /** The VU with this id: a pre-opened one when there is one, else a new VU that connects on first use. */
    public VirtualUser get(int id) {
        if (id < preOpened.size()) {
            VirtualUser vu = preOpened.get(id);
            synchronized (vu) { // publishes the connection set on an event loop to the executor's thread
                return vu;
            }
        }
        return new VirtualUser(id);
    }

    /** The VUs prepared in advance (ids 0 to n−1). */
    public List<VirtualUser> preOpened() {
        return preOpened;
    }

    /** How many of them got their connection before the schedule started. */
    public int connected() {
        return connected;
    }

    /** Closes the prepared VUs' connections (closing twice is harmless, so executors may close them too). */
    @Override
    public void close() {
        preOpened.forEach(VirtualUser::close);
    }
}
