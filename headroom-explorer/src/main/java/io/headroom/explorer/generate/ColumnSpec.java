package io.headroom.explorer.generate;

/** One generated column: its name, kind, and the share of its cells left empty (0..1). */
public record ColumnSpec(String name, ColumnKind kind, double nullRate) {}
