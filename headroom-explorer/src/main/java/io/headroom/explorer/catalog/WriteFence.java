package io.headroom.explorer.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs first in every transaction of a refresh's writes and throws {@link RefreshLeaseLostException}
 * when the refresh may no longer write. Because the check is part of the write's own transaction (it
 * renews the lease row, which locks it until the commit), no other instance can take the lease between
 * the check and the commit: a refresh that lost its lease never writes again.
 */
@FunctionalInterface
public interface WriteFence {
    /** No fence: for writers that coordinate otherwise (tests of the write path itself). */
    WriteFence NONE = c -> {};

    void check(Connection c) throws SQLException;
}
