package io.headroom.explorer.lake.analysis;

import io.headroom.explorer.catalog.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates the profile of the first rows of a table: each column's widened type and how many of
 * its cells are non-empty. Columns may be added as they appear (JSON keys).
 */
final class ColumnStats {
    private final List<String> names = new ArrayList<>();
    private final List<CellType> types = new ArrayList<>();
    private final List<Integer> nonEmpty = new ArrayList<>();
    private long rows;

    int addColumn(String name) {
        names.add(name);
        types.add(CellType.EMPTY);
        nonEmpty.add(0);
        return names.size() - 1;
    }

    int columnCount() {
        return names.size();
    }

    long rows() {
        return rows;
    }

    void countRow() {
        rows++;
    }

    void record(int column, CellType type) {
        if (type == CellType.EMPTY) {
            return;
        }
        types.set(column, types.get(column).widen(type));
        nonEmpty.set(column, nonEmpty.get(column) + 1);
    }

    List<Column> columns() {
        List<Column> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(new Column(names.get(i), types.get(i).apiName()));
        }
        return columns;
    }

    /** Non-empty cells / (rows × columns) × 100; a cell missing from a short row counts as empty. */
    Double completeness() {
        if (rows == 0 || names.isEmpty()) {
            return null;
        }
        long filled = 0;
        for (int count : nonEmpty) {
            filled += count;
        }
        return Math.round(filled * 10_000.0 / (rows * names.size())) / 100.0;
    }
}
