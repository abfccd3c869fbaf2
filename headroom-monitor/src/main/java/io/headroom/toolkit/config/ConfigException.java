package io.headroom.toolkit.config;

/** A setting is missing or out of range. The message names the setting and what it accepts. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
