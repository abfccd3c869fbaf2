package io.headroom.explorer.download;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download log: requests hand their event to a bounded in-memory queue (an offer, no I/O, no lock
 * held across I/O) and one writer thread writes them in batches, one transaction per batch: the rows,
 * and each dataset's {@code download_count} increased once. When the database fails, the batch is kept
 * and retried with backoff while new events queue behind it; {@link #close()} writes everything queued
 * before it returns. Only a queue that stays full through a long outage loses events, and those are
 * counted ({@link #dropped()}) and logged, never silent.
 */
public final class DownloadLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadLog.class);
    static final int BATCH = 500;

    private final DataSource dataSource;
    private final BlockingQueue<DownloadEvent> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Duration closeDeadline;
    private volatile boolean closing;

    public DownloadLog(DataSource dataSource, int capacity, Duration closeDeadline) {
        this.dataSource = dataSource;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeDeadline = closeDeadline;
        this.writer = Thread.ofPlatform().name("download-log").daemon().start(this::run);
    }

    /** Never blocks and never touches the database. */
    public void record(DownloadEvent event) {
        if (!queue.offer(event)) {
            long lost = dropped.incrementAndGet();
            if (lost == 1 || lost % 1000 == 0) {
                LOG.warn(
                        "Download log queue full ({} events waiting on the database): {} events dropped so far",
                        queue.size(),
                        lost);
            }
        }
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public int pending() {
        return queue.size();
    }

    private void run() {
        List<DownloadEvent> batch = new ArrayList<>(BATCH);
        long backoffMillis = 50;
        long closeBy = Long.MAX_VALUE;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    DownloadEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                written.addAndGet(batch.size());
                batch.clear();
                backoffMillis = 50;
            } catch (SQLException | RuntimeException e) {
                if (closing && closeBy == Long.MAX_VALUE) {
                    closeBy = System.nanoTime() + closeDeadline.toNanos();
                }
                if (System.nanoTime() > closeBy) {
                    LOG.error(
                            "Download log: {} events could not be written before shutdown: {}",
                            batch.size() + queue.size(),
                            e.getMessage());
                    dropped.addAndGet(batch.size() + queue.size());
                    return;
                }
                LOG.warn(
                        "Download log: writing {} events failed, retrying in {} ms: {}",
                        batch.size(),
                        backoffMillis,
                        e.getMessage());
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // close() waits; an interrupt only ends the wait for the next event
            }
        }
    }

    private void write(List<DownloadEvent> batch) throws SQLException {
        Map<Long, Long> perDataset = new TreeMap<>(); // ascending ids: two writers lock rows in one order
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO download_log "
                            + "(dataset_id, type, at, actor, user_agent, bytes) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement count = c.prepareStatement(
                            "UPDATE datasets SET download_count = download_count + ? WHERE id = ?")) {
                for (DownloadEvent e : batch) {
                    insert.setLong(1, e.datasetId());
                    insert.setString(2, e.type().apiName());
                    insert.setObject(3, e.at().atOffset(ZoneOffset.UTC));
                    insert.setString(4, clip(e.actor(), 128));
                    insert.setString(5, e.userAgent() == null ? null : clip(e.userAgent(), 512));
                    insert.setLong(6, e.bytes());
                    insert.addBatch();
                    perDataset.merge(e.datasetId(), 1L, Long::sum);
                }
                insert.executeBatch();
                for (Map.Entry<Long, Long> entry : perDataset.entrySet()) {
                    count.setLong(1, entry.getValue());
                    count.setLong(2, entry.getKey());
                    count.addBatch();
                }
                count.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // retry backoff of the writer thread; no request waits on it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes everything queued (retrying for up to the close deadline), then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(closeDeadline.plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
