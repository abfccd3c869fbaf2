package io.headroom.load.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** One virtual user: the connections it keeps between iterations. Used by one iteration at a time. */
public final class VirtualUser implements AutoCloseable {

    private final int id;
    HttpConnection http;
    Connection jdbc;

    public VirtualUser(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (jdbc != null) {
            try {
                jdbc.close();
            } catch (SQLException ignored) {
                // closing at the end of the run; nothing useful to do about a failure here
            }
        }
    }
}
