package io.headroom.explorer.lake.discovery;

import java.util.List;

/**
 * The metadata a publisher wrote next to a dataset in {@code name.yaml} / {@code name.yml}; every
 * field optional (null or empty when absent).
 *
 * @param recordCount the publisher's row count; replaces an estimated or unknown count
 * @param completeness 0..100; replaces the completeness measured on the first 1,000 rows
 */
public record Sidecar(String description, List<String> tags, String license, Long recordCount, Double completeness) {
    public Sidecar {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
