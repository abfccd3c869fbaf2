package io.headroom.explorer.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cell values of one generated file, row by row: Long, Double, String, Boolean, LocalDate, or
 * null for an empty cell. Amounts are whole cents, so their text form is short and exact.
 */
record TableData(List<ColumnSpec> columns, List<Object[]> rows) {
    private static final long FIRST_DAY = LocalDate.parse("2019-01-01").toEpochDay();

    static TableData generate(List<ColumnSpec> columns, int rowCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object[]> rows = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                ColumnSpec column = columns.get(c);
                boolean empty = column.nullRate() > 0 && random.nextDouble() < column.nullRate();
                row[c] = empty ? null : value(column.kind(), r, random);
            }
            rows.add(row);
        }
        return new TableData(columns, rows);
    }

    private static Object value(ColumnKind kind, int row, SplittableRandom random) {
        return switch (kind) {
            case ID -> (long) row + 1;
            case DATE -> LocalDate.ofEpochDay(FIRST_DAY + random.nextInt(6 * 365));
            case CATEGORY -> Vocabulary.pick(random, Vocabulary.CATEGORIES);
            case PERSON -> Vocabulary.pick(random, Vocabulary.PEOPLE);
            case AMOUNT -> random.nextInt(1_000_000) / 100.0;
            case COUNT -> (long) random.nextInt(10_000);
            case FLAG -> random.nextBoolean();
            case NOTE -> note(random);
        };
    }

    /** One to four words; one note in a hundred spans two lines (quoted newlines are legal CSV). */
    private static String note(SplittableRandom random) {
        StringBuilder note = new StringBuilder(Vocabulary.pick(random, Vocabulary.WORDS));
        int words = random.nextInt(4);
        for (int i = 0; i < words; i++) {
            note.append(' ').append(Vocabulary.pick(random, Vocabulary.WORDS));
        }
        if (random.nextInt(100) == 0) {
            note.append('\n').append(Vocabulary.pick(random, Vocabulary.WORDS));
        }
        return note.toString();
    }
}
