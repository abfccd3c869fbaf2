package io.headroom.explorer.catalog;

/** A column of a tabular dataset and its inferred type (integer, float, date, string, boolean, ...). */
public record Column(String name, String type) {}
