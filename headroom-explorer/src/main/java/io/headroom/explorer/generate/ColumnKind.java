package io.headroom.explorer.generate;

import java.util.List;

/** The kinds of columns generated datasets have, each with the names such a column takes. */
public enum ColumnKind {
    ID(List.of("id")),
    DATE(List.of("date", "recorded_on", "day", "reported_at")),
    CATEGORY(List.of("region", "station", "category", "status", "country", "city", "segment")),
    PERSON(List.of("contact", "owner", "author")),
    AMOUNT(List.of("amount", "price", "value", "reading", "temperature", "score", "rate")),
    COUNT(List.of("quantity", "visits", "passengers", "population", "units", "beds")),
    FLAG(List.of("active", "verified", "is_weekend", "flagged")),
    NOTE(List.of("comment", "notes", "remark"));

    @SuppressWarnings("ImmutableEnumChecker") // List.of: immutable, which the checker cannot see
    final List<String> names;

    ColumnKind(List<String> names) {
        this.names = names;
    }
}
