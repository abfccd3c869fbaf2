package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void keepsJdbcUrlsAsTheyAre() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql://db:5432/catalog?ssl=true");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/catalog?ssl=true");
        assertThat(url.user()).isEmpty();
        assertThat(url.isPostgres()).isTrue();
    }

    @Test
    void turnsPostgresUrlWithCredentialsIntoJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://app:s%40cret@db.example:6543/catalog");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/catalog");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s@cret");
    }

    @Test
    void acceptsPostgresqlSchemeWithoutPortOrPassword() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgresql://app@db/catalog?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/catalog?sslmode=require");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void rejectsOtherSchemesNamingTheSettingWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://u:hunter2@db/x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://db"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void maskedHidesEveryPasswordAndKeepsTheRest() {
        assertThat(DatabaseUrl.masked("jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***&ssl=true");
        assertThat(DatabaseUrl.masked("postgresql://app:s3cret@db:5432/catalog"))
                .isEqualTo("postgresql://app:***@db:5432/catalog");
        assertThat(DatabaseUrl.masked("jdbc:h2:file:/data/catalog;USER=sa;PASSWORD=hunter2;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/data/catalog;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(DatabaseUrl.masked("jdbc:postgresql://db:5432/catalog?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/catalog?sslmode=require");
    }

    @Test
    void poolSettingsRejectMinIdleAboveMax() {
        assertThatThrownBy(() -> new PoolSettings(
                        "p", "jdbc:h2:mem:x", Optional.empty(), Optional.empty(), 5, 6, Duration.ofSeconds(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("minIdle=6")
                .hasMessageNotContaining("DB_POOL");
    }
}
