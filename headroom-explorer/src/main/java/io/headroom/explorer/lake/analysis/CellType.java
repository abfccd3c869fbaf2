package io.headroom.explorer.lake.analysis;

import java.util.Locale;

/**
 * The inferred type of a cell or a column of a text file. Widening when a column mixes types:
 * INTEGER + FLOAT → FLOAT, DATE + TIMESTAMP → TIMESTAMP, anything else mixed → STRING (the top).
 * EMPTY is "no value seen": it never changes a column's type.
 */
public enum CellType {
    EMPTY,
    BOOLEAN,
    INTEGER,
    FLOAT,
    DATE,
    TIMESTAMP,
    STRING;

    /** The name the catalog and API use ("integer", "float", ...). */
    public String apiName() {
        return this == EMPTY ? "string" : name().toLowerCase(Locale.ROOT);
    }

    public CellType widen(CellType other) {
        if (this == other || other == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        if (isNumeric() && other.isNumeric()) {
            return FLOAT;
        }
        if (isTemporal() && other.isTemporal()) {
            return TIMESTAMP;
        }
        return STRING;
    }

    private boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }

    private boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    /**
     * The type of one text cell. Hand-written matchers rather than parse-and-catch: this runs on every
     * cell of the first 1,000 rows of every file, and exceptions as control flow are slow.
     */
    public static CellType of(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return EMPTY;
        }
        if (isInteger(s)) {
            return INTEGER;
        }
        if (isFloat(s)) {
            return FLOAT;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return BOOLEAN;
        }
        if (isDate(s, 0) && s.length() == 10) {
            return DATE;
        }
        if (isTimestamp(s)) {
            return TIMESTAMP;
        }
        return STRING;
    }

    /**
     * Optional sign and 1..18 digits (fits a long). A leading zero ("007", a postcode) keeps the
     * cell a string: reading it as a number would lose the zero.
     */
    static boolean isInteger(String s) {
        int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        int digits = s.length() - i;
        if (digits < 1 || digits > 18) {
            return false;
        }
        if (digits > 1 && s.charAt(i) == '0') {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Decimal notation with a '.' and/or an exponent: {@code -1.5}, {@code .5}, {@code 2e10}. */
    static boolean isFloat(String s) {
        int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        int intDigits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        boolean dot = i < s.length() && s.charAt(i) == '.';
        if (dot) {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        boolean exponent = i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E');
        if (exponent) {
            i++;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == s.length() && (dot || exponent);
    }

    /** ISO {@code yyyy-MM-dd} at {@code from}, month 01..12, day 01..31. */
    static boolean isDate(String s, int from) {
        if (s.length() < from + 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (!isDigit(s.charAt(from + i))) {
                return false;
            }
        }
        int month = (s.charAt(from + 5) - '0') * 10 + (s.charAt(from + 6) - '0');
        int day = (s.charAt(from + 8) - '0') * 10 + (s.charAt(from + 9) - '0');
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** An ISO date, 'T' or ' ', then {@code HH:mm}; seconds, fractions and a zone may follow. */
    static boolean isTimestamp(String s) {
        if (s.length() < 16 || !isDate(s, 0) || (s.charAt(10) != 'T' && s.charAt(10) != ' ')) {
            return false;
        }
        if (!isDigit(s.charAt(11))
                || !isDigit(s.charAt(12))
                || s.charAt(13) != ':'
                || !isDigit(s.charAt(14))
                || !isDigit(s.charAt(15))) {
            return false;
        }
        for (int i = 16; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || c == ':' || c == '.' || c == 'Z' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
