package io.headroom.load.advise;

import java.util.List;
import java.util.Locale;

/**
 * One index the advisor suggests, with why and what it should save.
 *
 * @param kind what the plan showed
 * @param table {@code schema.table}
 * @param columns the columns (or expressions) named, in index order
 * @param createIndex the statement to run (the advisor never runs it)
 * @param reasoning what the plan does now, in the planner's own figures
 * @param costBefore the plan's estimated total cost now; {@code costAfter} a rough estimate with the index
 */
public record IndexSuggestion(
        Kind kind,
        String table,
        List<String> columns,
        String createIndex,
        String reasoning,
        double costBefore,
        double costAfter) {

    public enum Kind {
        SEQUENTIAL_SCAN_ON_LARGE_TABLE,
        SORT_WITHOUT_INDEX,
        INDEX_ONLY_SCAN_POSSIBLE;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The estimated gain: the share of the plan's cost the index should save (0..1). */
    public double estimatedGain() {
        return costBefore > 0 ? Math.clamp(1 - costAfter / costBefore, 0, 1) : 0;
    }
}
