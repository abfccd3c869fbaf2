package io.headroom.explorer.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A user as the API shows it; never its password hash.
 *
 * @param folders the folders granted to the user (each covers its subfolders), sorted
 * @param passwordChangedAt tokens issued before it are refused: a password change ends every session
 */
public record User(
        long id,
        String username,
        String role,
        boolean enabled,
        List<String> folders,
        Instant createdAt,
        @JsonIgnore Instant passwordChangedAt) {

    public User {
        folders = List.copyOf(folders);
    }

    @JsonIgnore
    public boolean isAdmin() {
        return Role.ADMIN.apiName().equals(role);
    }
}
