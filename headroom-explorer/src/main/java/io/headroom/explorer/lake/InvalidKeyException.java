package io.headroom.explorer.lake;

/**
 * A store key that could reach outside the store or is otherwise malformed ({@code ..}, an absolute
 * path, a backslash, a NUL byte...). The web layer answers it with a 400 naming the parameter that
 * carried the key.
 */
public final class InvalidKeyException extends IllegalArgumentException {
    private final String key;

    public InvalidKeyException(String key, String reason) {
        super("Invalid store key '" + printable(key) + "': " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }

    private static String printable(String key) {
        return key == null ? "null" : key.replace("\0", "\\0");
    }
}
