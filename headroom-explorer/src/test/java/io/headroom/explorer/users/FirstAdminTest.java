package io.headroom.explorer.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.testing.DatabaseUnderTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminTest {
    @TempDir
    Path dir;

    private UserStore store() {
        DatabaseUnderTest database = DatabaseUnderTest.h2(dir);
        CatalogDatabase.migrate(database.jdbcUrl(), null, null);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(database.jdbcUrl());
        return new UserStore(dataSource);
    }

    @Test
    void aFirstStartGeneratesAPasswordPrintsItOnceAndLaterStartsLeaveUsersAlone() {
        UserStore users = store();
        PasswordHasher hasher = new PasswordHasher(4);
        List<String> console = new ArrayList<>();
        User admin =
                FirstAdmin.ensure(users, hasher, Optional.empty(), console::add).orElseThrow();
        assertThat(admin.username()).isEqualTo("admin");
        assertThat(admin.isAdmin()).isTrue();
        assertThat(console).hasSize(1);
        String password = console.getFirst().replaceAll(".*the password (\\S+) .*", "$1");
        assertThat(hasher.matches(
                        password, users.credentials("admin").orElseThrow().passwordHash()))
                .isTrue();

        assertThat(FirstAdmin.ensure(users, hasher, Optional.of("configured-later"), console::add))
                .isEmpty();
        assertThat(console).as("printed once").hasSize(1);
        assertThat(hasher.matches(
                        password, users.credentials("admin").orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void aConfiguredPasswordIsUsedAndNotPrinted() {
        UserStore users = store();
        PasswordHasher hasher = new PasswordHasher(4);
        List<String> console = new ArrayList<>();
        FirstAdmin.ensure(users, hasher, Optional.of("configured-password"), console::add);
        assertThat(console).isEmpty();
        assertThat(hasher.matches(
                        "configured-password",
                        users.credentials("admin").orElseThrow().passwordHash()))
                .isTrue();
    }
}
