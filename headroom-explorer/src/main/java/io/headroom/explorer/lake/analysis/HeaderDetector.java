package io.headroom.explorer.lake.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the first record of a delimited file names its columns. It does when every cell
 * is non-empty text (not a number, date or boolean) and no name repeats; otherwise the first record
 * is data and the columns are called {@code column_1..n}. Files of text-only columns whose first row
 * is data are misread as having a header: a known, documented limit.
 */
public final class HeaderDetector {
    private HeaderDetector() {}

    public static boolean isHeader(List<String> firstRecord) {
        Set<String> seen = new HashSet<>();
        for (String cell : firstRecord) {
            if (CellType.of(cell) != CellType.STRING || !seen.add(cell.strip())) {
                return false;
            }
        }
        return !firstRecord.isEmpty();
    }

    public static String generatedName(int index) {
        return "column_" + (index + 1);
    }
}
