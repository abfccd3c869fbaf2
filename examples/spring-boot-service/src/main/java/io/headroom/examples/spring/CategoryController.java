package io.headroom.examples.spring;

import io.headroom.toolkit.spring.HeadroomCached;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The service's one route: a category's items, from the database, kept rendered by the starter. */
@RestController
public class CategoryController {
    private final ItemRepository items;

    public CategoryController(ItemRepository items) {
        this.items = items;
    }

    @GetMapping("/api/categories/{category}/items")
    @HeadroomCached(keyspace = "category-items", ttl = "5m")
    public CategoryPage items(@PathVariable String category) {
        var list = items.byCategory(category);
        return new CategoryPage(category, list.size(), list);
    }
}
