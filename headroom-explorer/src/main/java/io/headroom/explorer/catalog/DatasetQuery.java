package io.headroom.explorer.catalog;

/** A list request: what to include, in which order, and which page. */
public record DatasetQuery(DatasetFilter filter, DatasetSort sort, int limit, Position position) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Where the page starts: a row count from the top, or just after a cursor's row. */
    public sealed interface Position {}

    public record Offset(long rows) implements Position {}

    public record After(PageCursor cursor) implements Position {}
}
