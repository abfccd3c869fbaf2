package io.headroom.toolkit.db;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalised SQL: literals replaced by {@code ?}, {@code IN (...)} lists collapsed, whitespace
 * squeezed, so that one statement shape is one entry however its values vary (which bounds the
 * number of tracked statements and keeps values out of logs and metrics).
 */
public final class SqlText {
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?\\b");
    private static final Pattern IN_LIST = Pattern.compile("(?i)\\bIN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_LENGTH = 2000;

    private SqlText() {}

    public static String normalise(String sql) {
        String s = STRING_LITERAL.matcher(sql).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        s = IN_LIST.matcher(s).replaceAll("IN (?)");
        s = WHITESPACE.matcher(s).replaceAll(" ").trim();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
    }

    /** The statement's kind, from its first keyword (a CTE counts as the statement it ends in). */
    public static StatementType type(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String first = s.substring(0, end).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "SELECT", "VALUES", "SHOW", "TABLE" -> StatementType.SELECT;
            case "INSERT" -> StatementType.INSERT;
            case "UPDATE" -> StatementType.UPDATE;
            case "DELETE" -> StatementType.DELETE;
            case "MERGE" -> StatementType.INSERT;
            case "WITH" -> cteType(s.toUpperCase(Locale.ROOT));
            default -> StatementType.OTHER;
        };
    }

    private static StatementType cteType(String upper) {
        int depth = 0;
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0) {
                for (StatementType t : new StatementType[] {
                    StatementType.SELECT, StatementType.INSERT, StatementType.UPDATE, StatementType.DELETE
                }) {
                    if (upper.startsWith(t.name(), i) && (i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1)))) {
                        return t;
                    }
                }
            }
        }
        return StatementType.OTHER;
    }

    public enum StatementType {
        SELECT,
        INSERT,
        UPDATE,
        DELETE,
        OTHER
    }
}
