package io.headroom.explorer.users;

import java.util.List;
import java.util.Optional;

/** The fields a PATCH may change; each absent one is left as it is. {@code passwordHash} is already hashed. */
public record UserChanges(
        Optional<String> passwordHash,
        Optional<Role> role,
        Optional<List<String>> folders,
        Optional<Boolean> enabled) {}
