package io.headroom.load.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs parameterised SQL for {@code type: jdbc} requests, like a JMeter JDBC sampler: each VU keeps one
 * connection, statements run on virtual threads (JDBC blocks), a SELECT reads all rows, anything else
 * reports its update count. The "body" is {@code rows=N} or {@code updated=N}, so checks can look at it.
 */
public final class JdbcTarget implements AutoCloseable {

    private final String url;
    private final int timeoutSeconds;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** @param timeout per-statement timeout (the scenario's {@code timeout}), rounded up to whole seconds */
    public JdbcTarget(String url, Duration timeout) {
        this.url = url;
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Fails fast before a run: the reason the database cannot be reached, or null. */
    public String probe() {
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    void execute(VirtualUser vu, String sql, List<String> params, Consumer<Outcome> callback) {
        threads.execute(() -> callback.accept(run(vu, sql, params)));
    }

    private Outcome run(VirtualUser vu, String sql, List<String> params) {
        long connectNanos = 0;
        long sent = System.nanoTime();
        try {
            if (vu.jdbc == null || vu.jdbc.isClosed()) {
                vu.jdbc = DriverManager.getConnection(url);
                connectNanos = System.nanoTime() - sent;
                vu.jdbc.setAutoCommit(true);
            }
            try (PreparedStatement st = vu.jdbc.prepareStatement(sql)) {
                st.setQueryTimeout(timeoutSeconds);
                for (int i = 0; i < params.size(); i++) {
                    st.setObject(i + 1, params.get(i), Types.OTHER);
                }
                String body;
                long firstByte;
                if (st.execute()) {
                    firstByte = System.nanoTime();
                    long rows = 0;
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    body = "rows=" + rows;
                } else {
                    firstByte = System.nanoTime();
                    body = "updated=" + st.getUpdateCount();
                }
                return new Outcome(
                        200,
                        "200",
                        body,
                        body.length(),
                        sql.length(),
                        sent,
                        firstByte,
                        System.nanoTime(),
                        connectNanos,
                        null);
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "SQLException" : "SQLState " + e.getSQLState();
            return Outcome.failed(state, e.getMessage(), sent, connectNanos);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
