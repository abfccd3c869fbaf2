package io.headroom.examples.spring;

import java.math.BigDecimal;

/** One catalogue item, as stored and as answered. */
public record Item(long id, String category, String name, BigDecimal price, String description) {}
