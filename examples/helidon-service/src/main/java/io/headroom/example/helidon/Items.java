package io.headroom.example.helidon;

import io.headroom.toolkit.http.ProblemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The service's own code: a table of items and the two reads its routes answer with. */
final class Items {
    record Item(long id, String name, int priceCents) {}

    private final DataSource db;

    private Items(DataSource db) {
        this.db = db;
    }

    /** The items in this database, after the sample table is made (an embedded database starts empty). */
    static Items withSample(DataSource db) {
        Items items = new Items(db);
        items.createSample();
        return items;
    }

    /** Creates the table with a hundred rows. */
    private void createSample() {
        String[] names = {"kettle", "teapot", "mug", "saucer", "strainer"};
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE IF NOT EXISTS item (id BIGINT PRIMARY KEY, name VARCHAR(100), price_cents INT)");
            }
            try (PreparedStatement insert = c.prepareStatement("MERGE INTO item KEY (id) VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 100; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, id <= names.length ? names[id - 1] : names[id % names.length] + " no. " + id);
                    insert.setInt(3, 500 + id * 37 % 2500);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the sample table", e);
        }
    }

    List<Item> all() {
        List<Item> items = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, name, price_cents FROM item ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                items.add(new Item(rs.getLong(1), rs.getString(2), rs.getInt(3)));
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Item byId(String rawId) {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("id", "expected a whole number");
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, name, price_cents FROM item WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("No item " + id);
                }
                return new Item(rs.getLong(1), rs.getString(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
