package io.headroom.explorer.access;

import io.headroom.toolkit.config.ConfigException;
import java.util.Locale;

/**
 * {@code HEADROOM_ACCESS}: {@code public} (the default, so a first start shows the sample lake) lets
 * anonymous callers see every folder not marked private; {@code authenticated} makes every catalog
 * route need a user (or an API key).
 */
public enum AccessMode {
    PUBLIC,
    AUTHENTICATED;

    public static AccessMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "authenticated" -> AUTHENTICATED;
            default ->
                throw new ConfigException(
                        "HEADROOM_ACCESS=" + value + " is not valid: it must be public or authenticated");
        };
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
