package io.headroom.explorer.download;

import io.headroom.toolkit.config.ConfigException;
import java.nio.charset.StandardCharsets;

/**
 * A full download of a local lake file handed to nginx in front ({@code X-Accel-Redirect}): the service
 * checks access, logs the download and answers with the file's internal URI and no body; nginx serves the
 * bytes from disk with {@code sendfile} (Range and If-Range included). Streamed through the JVM instead, a
 * file costs about three times nginx's CPU per GB and arrives at about half its speed
 * (docs/users-and-access.md).
 *
 * <p>The internal location must be marked {@code internal} in nginx, so a client cannot ask for it and
 * skip the access check:
 *
 * <pre>
 * location /_lake/ { internal; alias /srv/lake/; }   # HEADROOM_DOWNLOAD_ACCEL_PREFIX=/_lake/
 * </pre>
 *
 * @param prefix the internal location's path, starting and ending with {@code /}
 */
public record AccelRedirect(String prefix) {
    public static final String HEADER = "X-Accel-Redirect";
    public static final String SETTING = "HEADROOM_DOWNLOAD_ACCEL_PREFIX";

    public AccelRedirect {
        if (prefix.length() < 2 || !prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new ConfigException(SETTING + "=" + prefix
                    + " is not valid: expected the path of an internal nginx location, starting and ending with /"
                    + " (e.g. /_lake/)");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!unreserved(c) && c != '/') {
                throw new ConfigException(SETTING + "=" + prefix
                        + " is not valid: letters, digits, - . _ ~ and / only (it is sent as is in a header)");
            }
        }
    }

    /**
     * The internal URI of a lake key ({@code folder/file.csv}): the prefix, then each segment percent-encoded
     * as UTF-8 (nginx decodes them before it looks the file up), so a name with a space, a {@code %} or a
     * {@code ?} reaches the right file and never becomes a query.
     */
    public String uriOf(String key) {
        StringBuilder uri = new StringBuilder(prefix.length() + key.length() + 16).append(prefix);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (unreserved(c) || c == '/') {
                uri.append(c);
            } else {
                uri.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return uri.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
