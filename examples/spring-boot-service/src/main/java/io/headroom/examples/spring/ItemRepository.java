package io.headroom.examples.spring;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC through Spring's JdbcClient; the starter times every statement it runs. */
@Repository
public class ItemRepository {
    private final JdbcClient jdbc;

    public ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Item> byCategory(String category) {
        return jdbc.sql(
                        "SELECT id, category, name, price, description FROM example_item WHERE category = ? ORDER BY id")
                .param(category)
                .query(Item.class)
                .list();
    }
}
