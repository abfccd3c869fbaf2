package io.headroom.explorer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.PooledCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh lease and the log rows it guards, once per database (H2 and PostgreSQL subclasses). */
abstract class RefreshLeaseContract {
    private static final Duration TTL = Duration.ofMinutes(5); // never runs out by itself during a test

    @TempDir
    Path tempDir;

    private PooledCatalog catalog;
    private RefreshLog log;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeEach
    void open() {
        catalog = PooledCatalog.open(openDatabase(tempDir));
        log = new RefreshLog(catalog.dataSource());
    }

    @AfterEach
    void close() {
        if (catalog != null) { // null when the PostgreSQL variant was skipped (no server configured)
            catalog.close();
        }
    }

    private RefreshLease lease(String owner) {
        return new RefreshLease(catalog.dataSource(), owner, TTL);
    }

    @Test
    void ofManyInstancesAskingAtOnceExactlyOneGetsTheLease() throws Exception {
        int instances = 8;
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<RefreshLease.Attempt>> attempts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                RefreshLease lease = lease("instance-" + i);
                attempts.add(threads.submit(() -> {
                    together.await();
                    return lease.acquire();
                }));
            }
            List<RefreshLease.Attempt> results = new ArrayList<>();
            for (Future<RefreshLease.Attempt> attempt : attempts) {
                results.add(attempt.get());
            }
            List<RefreshLease.Attempt.Acquired> acquired = results.stream()
                    .filter(RefreshLease.Attempt.Acquired.class::isInstance)
                    .map(RefreshLease.Attempt.Acquired.class::cast)
                    .toList();
            assertThat(acquired).hasSize(1);
            long id = acquired.get(0).refreshId();
            assertThat(results)
                    .filteredOn(RefreshLease.Attempt.Held.class::isInstance)
                    .hasSize(instances - 1)
                    .allMatch(r -> ((RefreshLease.Attempt.Held) r).refreshId() == id);
            assertThat(count("SELECT COUNT(*) FROM refresh_log")).isEqualTo(1);
            assertThat(log.find(id).orElseThrow().state()).isEqualTo(RefreshLog.State.RUNNING);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReleasedLeaseIsFreeAndTheEndIsLoggedBeforeTheNextStart() {
        RefreshLease first = lease("a");
        RefreshLease second = lease("b");
        long id = acquired(first.acquire());
        assertThat(second.acquire()).isEqualTo(new RefreshLease.Attempt.Held(id));
        Optional<Instant> end = first.release(outcome(id, RefreshLog.State.FINISHED, null));
        assertThat(end).isPresent();

        long next = acquired(second.acquire());
        assertThat(next).isGreaterThan(id); // ids are generations: they only grow
        RefreshLog.Entry ended = log.find(id).orElseThrow();
        assertThat(ended.state()).isEqualTo(RefreshLog.State.FINISHED);
        assertThat(ended.scanned()).isEqualTo(7);
        assertThat(ended.finishedAt()).isEqualTo(end.get());
        assertThat(log.find(next).orElseThrow().startedAt()).isAfterOrEqualTo(ended.finishedAt());
        assertThat(owners()).containsExactly("a", "b");
    }

    @Test
    void heartbeatRenewsTheLeaseAndPublishesProgress() throws SQLException {
        RefreshLease lease = lease("a");
        long id = acquired(lease.acquire());
        Instant expiry = leaseExpiry();
        assertThat(lease.heartbeat(
                        new RefreshLog.Entry(id, RefreshLog.State.RUNNING, 32, 30, 2, 0, 1, null, null, null)))
                .isTrue();
        assertThat(leaseExpiry()).isAfterOrEqualTo(expiry);
        RefreshLog.Entry progress = log.find(id).orElseThrow();
        assertThat(progress.state()).isEqualTo(RefreshLog.State.RUNNING);
        assertThat(List.of(progress.scanned(), progress.added(), progress.updated(), progress.failed()))
                .containsExactly(32, 30, 2, 1);
    }

    @Test
    void abandonRunningLeavesALiveOwnersRefreshAloneAndClosesADeadOnes() {
        execute(
                "INSERT INTO refresh_log (state, started_at, owner) VALUES ('RUNNING', CURRENT_TIMESTAMP, 'crashed-before')");
        long dead = count("SELECT MAX(id) FROM refresh_log");
        RefreshLease live = lease("live");
        long running = acquired(live.acquire()); // taking a free lease closes every RUNNING row: none could be live
        assertThat(log.find(dead).orElseThrow().state()).isEqualTo(RefreshLog.State.FAILED);

        execute(
                "INSERT INTO refresh_log (state, started_at, owner) VALUES ('RUNNING', CURRENT_TIMESTAMP, 'crashed-during')");
        long deadToo = count("SELECT MAX(id) FROM refresh_log");
        assertThat(log.abandonRunning()).isEqualTo(1);
        assertThat(log.find(deadToo).orElseThrow().state()).isEqualTo(RefreshLog.State.FAILED);
        assertThat(log.find(deadToo).orElseThrow().error()).contains("abandoned");
        assertThat(log.find(running).orElseThrow().state()).isEqualTo(RefreshLog.State.RUNNING);

        expireLease(); // the live owner stops heartbeating: past its expiry it is gone
        assertThat(log.abandonRunning()).isEqualTo(1);
        RefreshLog.Entry closed = log.find(running).orElseThrow();
        assertThat(closed.state()).isEqualTo(RefreshLog.State.FAILED);
        assertThat(closed.finishedAt()).isNotNull();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerOwnerCanNoLongerWrite() {
        RefreshLease stalled = lease("stalled");
        long old = acquired(stalled.acquire());
        expireLease();
        RefreshLease next = lease("next");
        long current = acquired(next.acquire());
        assertThat(log.find(old).orElseThrow().state()).isEqualTo(RefreshLog.State.FAILED);

        RefreshLog.Entry progress =
                new RefreshLog.Entry(old, RefreshLog.State.RUNNING, 1, 1, 0, 0, 0, null, null, null);
        assertThat(stalled.heartbeat(progress)).isFalse();
        CatalogWriter writer = new CatalogWriter(catalog.dataSource(), catalog.dialect());
        assertThatThrownBy(() -> writer.upsert(CatalogFixture.datasets(3), old, stalled.fence(old)))
                .isInstanceOf(RefreshLeaseLostException.class);
        assertThatThrownBy(() -> writer.removeOlderThan(old, stalled.fence(old)))
                .isInstanceOf(RefreshLeaseLostException.class);
        assertThat(count("SELECT COUNT(*) FROM datasets")).isZero();
        // Its late end changes neither its (closed) row nor the new owner's lease.
        assertThat(stalled.release(outcome(old, RefreshLog.State.FINISHED, null)))
                .isEmpty();
        assertThat(log.find(old).orElseThrow().error()).contains("abandoned");
        assertThat(lease("third").acquire()).isEqualTo(new RefreshLease.Attempt.Held(current));
        assertThat(writer.upsert(CatalogFixture.datasets(3), current, next.fence(current))
                        .added())
                .isEqualTo(3);
    }

    @Test
    void aScheduledAttemptIsNotDueWhenARefreshEndedSinceTheScheduleLooked() {
        RefreshLease a = lease("a");
        RefreshLog.ScheduleClock before = log.scheduleClock();
        assertThat(before.lastEnd()).isEmpty();
        long id = acquired(a.acquire());
        a.release(outcome(id, RefreshLog.State.FAILED, "lake unreachable")); // a failed refresh is an end too

        RefreshLease b = lease("b");
        assertThat(b.acquireIfNoneEndedSince(before.lastEnd())).isEqualTo(new RefreshLease.Attempt.NotDue());
        RefreshLog.ScheduleClock after = log.scheduleClock();
        assertThat(after.lastEnd()).contains(log.find(id).orElseThrow().finishedAt());
        assertThat(b.acquireIfNoneEndedSince(after.lastEnd())).isInstanceOf(RefreshLease.Attempt.Acquired.class);
    }

    private static long acquired(RefreshLease.Attempt attempt) {
        assertThat(attempt).isInstanceOf(RefreshLease.Attempt.Acquired.class);
        return ((RefreshLease.Attempt.Acquired) attempt).refreshId();
    }

    private static RefreshLog.Entry outcome(long id, RefreshLog.State state, String error) {
        return new RefreshLog.Entry(id, state, 7, 7, 0, 0, 0, null, Instant.now(), error);
    }

    /** What a lease looks like when its owner stopped renewing it long ago. */
    private void expireLease() {
        catalog.execute("UPDATE refresh_lease SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE");
    }

    private Instant leaseExpiry() throws SQLException {
        try (Connection c = catalog.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT expires_at FROM refresh_lease")) {
            rs.next();
            return DatasetRows.instant(rs, 1);
        }
    }

    private List<String> owners() {
        return catalog.rows("SELECT owner FROM refresh_log ORDER BY id");
    }

    private void execute(String sql) {
        catalog.execute(sql);
    }

    private long count(String sql) {
        return catalog.number(sql);
    }
}
