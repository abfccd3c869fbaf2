package io.headroom.toolkit.helidon;

import io.headroom.toolkit.config.Settings;
import io.helidon.config.Config;

/**
 * The toolkit's settings from Helidon {@link Config}: under the host's node, each setting in
 * kebab case ({@code HEADROOM_SLOW_REQUEST} is {@code <node>.slow-request}, {@code CACHE_ENABLED} is
 * {@code <node>.cache-enabled}); errors name the full key, e.g. {@code headroom.http-max-body-bytes}.
 */
public final class HelidonSettings {
    private HelidonSettings() {}

    /** Settings read under a node, e.g. {@code config.get("headroom")}. */
    public static Settings from(Config node) {
        String name = node.key().toString();
        String prefix = name.isEmpty() ? "" : name + ".";
        return Settings.of(
                key -> node.get(key.substring(prefix.length())).asString().asOptional(), Settings.Naming.dotted(name));
    }
}
