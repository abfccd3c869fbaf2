package io.headroom.examples.spring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Fills an empty catalogue at start-up: four categories of forty items (schema.sql made the table). */
@Component
public class SeedData implements ApplicationRunner {
    static final List<String> CATEGORIES = List.of("books", "games", "music", "tools");
    private final JdbcTemplate jdbc;

    public SeedData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM example_item", Integer.class);
        if (count != null && count > 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        long id = 1;
        for (String category : CATEGORIES) {
            for (int i = 1; i <= 40; i++, id++) {
                rows.add(new Object[] {
                    id,
                    category,
                    category + " item " + i,
                    BigDecimal.valueOf(100 + id * 7, 2),
                    "A " + category + " item, number " + i
                            + " of its shelf, described at some length so the page is worth compressing."
                });
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO example_item (id, category, name, price, description) VALUES (?, ?, ?, ?, ?)", rows);
    }
}
