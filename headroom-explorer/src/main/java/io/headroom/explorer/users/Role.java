package io.headroom.explorer.users;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: an admin administers and sees every folder; a user sees the folders granted to it. */
public enum Role {
    ADMIN,
    USER;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
