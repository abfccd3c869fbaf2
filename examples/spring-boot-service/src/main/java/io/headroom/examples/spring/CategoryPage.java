package io.headroom.examples.spring;

import java.util.List;

/** The answer of {@code GET /api/categories/{category}/items}. */
public record CategoryPage(String category, int count, List<Item> items) {}
