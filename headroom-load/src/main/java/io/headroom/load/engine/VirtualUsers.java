package io.headroom.load.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where executors get their VUs: the first ones come with a connection opened before the schedule
 * started ({@code preAllocatedVUs}); the others are created on demand and connect on their first
 * request, a connect that delays that request (and shows in its send lag).
 *
 * <p>Opening connections in advance is what keeps a run's first second honest: connected lazily, an
 * open-model run at 2,000/s spent its first second connecting (up to 2,000 connects racing the schedule)
 * and its p99 read seconds against a steady few milliseconds (docs/load-testing.md, "Cold start").
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
        Opening opening = new Opening();
        for (int id = 0; id < count; id++) {
            VirtualUser vu = new VirtualUser(id);
            vus.add(vu);
            http.connect((connection, error, nanos) -> {
                if (connection != null) {
                    opening.arrived(vu, connection);
                }
                done.countDown();
            });
        }
        done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return new VirtualUsers(List.copyOf(vus), opening.close());
    }

    /**
     * Hands connections to their VUs until the wait is over. One that arrives later is closed: its VU
     * may be running already, with a connection of its own. (The lock also publishes each {@code vu.http}
     * written on an event loop to the thread that takes the VUs.)
     */
    private static final class Opening {
        private boolean open = true;
        private int connected;

        synchronized void arrived(VirtualUser vu, HttpConnection connection) {
            if (!open) {
                connection.close();
                return;
            }
            connection.openedInAdvance();
            vu.http = connection;
            connected++;
        }

        synchronized int close() {
            open = false;
            return connected;
        }
    }

    /** The VU with this id: a pre-opened one when there is one, else a new VU that connects on first use. */
    public VirtualUser get(int id) {
        return id < preOpened.size() ? preOpened.get(id) : new VirtualUser(id);
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
