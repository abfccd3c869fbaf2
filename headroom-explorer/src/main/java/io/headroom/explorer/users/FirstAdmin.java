package io.headroom.explorer.users;

import io.headroom.explorer.auth.PasswordHasher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first start of a catalog without users creates the admin {@code admin}: with
 * {@code HEADROOM_ADMIN_PASSWORD} when set, else with a generated password printed once (to the
 * console, never to the log file or the database). Later starts leave users alone, whatever the setting.
 */
public final class FirstAdmin {
    public static final String NAME = "admin";

    private FirstAdmin() {}

    /** @return the created admin, empty when users already existed */
    public static Optional<User> ensure(
            UserStore users, PasswordHasher passwords, Optional<String> configured, Consumer<String> console) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String password = configured.orElseGet(FirstAdmin::generate);
        User admin;
        try {
            admin = users.create(NAME, passwords.hash(password), Role.ADMIN, List.of());
        } catch (UserStore.NameTakenException e) {
            return Optional.empty(); // another instance created it first
        }
        if (configured.isEmpty()) {
            console.accept(
                    "Created the admin user 'admin' with the password " + password
                            + " (shown once; change it with POST /api/v1/auth/password, or set HEADROOM_ADMIN_PASSWORD before a first start)");
        }
        return Optional.of(admin);
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
