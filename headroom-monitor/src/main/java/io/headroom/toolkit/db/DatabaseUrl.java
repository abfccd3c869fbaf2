package io.headroom.toolkit.db;

import io.headroom.toolkit.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A database location as a JDBC URL plus the credentials found in it.
 *
 * <p>Hosting platforms hand out {@code postgres://user:pass@host:port/db} (or {@code postgresql://});
 * JDBC wants {@code jdbc:postgresql://host:port/db} with the credentials apart. Accepting both here
 * means the rest of the code only ever sees JDBC URLs.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /**
     * @param setting the name of the setting the value came from, for the error message
     * @throws ConfigException when the value is neither a JDBC URL nor a postgres(ql):// URL
     */
    public static DatabaseUrl parse(String setting, String value) {
        String url = value.trim();
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw invalid(setting, value);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(setting, value);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
            throw invalid(setting, value);
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * The URL as it may be printed: a password in the user info ({@code //user:pass@}), in a query
     * parameter ({@code ?password=}) or in an H2 setting ({@code ;PASSWORD=}) becomes {@code ***}.
     */
    public static String masked(String url) {
        return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@").replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }

    private static ConfigException invalid(String setting, String value) {
        return new ConfigException(setting + "='" + masked(value) + "' is not valid: expected a JDBC URL (jdbc:...) or "
                + "postgresql://user:password@host:port/database");
    }
}
