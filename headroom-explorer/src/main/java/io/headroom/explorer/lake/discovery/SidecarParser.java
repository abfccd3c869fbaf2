package io.headroom.explorer.lake.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a metadata sidecar. SafeConstructor only (a sidecar is untrusted input: no arbitrary types),
 * bounded size, and a malformed sidecar is logged and ignored: it never fails a refresh.
 */
public final class SidecarParser {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarParser.class);
    /** Sidecars are a few lines; anything larger is not one and is not worth parsing. */
    public static final int MAX_CHARS = 256 * 1024;

    private SidecarParser() {}

    /** The sidecar's fields, or empty when it is not a YAML mapping (logged with {@code source}). */
    public static Optional<Sidecar> parse(InputStream in, String source) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(20); // no "billion laughs"
        options.setAllowDuplicateKeys(true);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Object document = yaml.load(reader);
            if (document == null) {
                return Optional.empty();
            }
            if (!(document instanceof Map<?, ?> map)) {
                LOG.warn("Ignoring sidecar {}: not a YAML mapping", source);
                return Optional.empty();
            }
            return Optional.of(fromMap(map, source));
        } catch (YAMLException e) {
            LOG.warn("Ignoring malformed sidecar {}: {}", source, firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static Sidecar fromMap(Map<?, ?> map, String source) {
        return new Sidecar(
                text(first(map, "description", "summary")),
                tags(first(map, "tags", "keywords")),
                text(first(map, "license", "licence")),
                rowCount(first(map, "row_count", "rowCount", "records", "record_count", "rows"), source),
                completeness(first(map, "completeness"), source));
    }

    private static Object first(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            if (map.get(key) != null) {
                return map.get(key);
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A YAML list or one comma-separated string; blanks dropped, duplicates dropped, order kept. */
    private static List<String> tags(Object value) {
        List<Object> raw = switch (value) {
            case null -> List.of();
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> ignored -> List.of();
            default -> new ArrayList<>(Arrays.asList(value.toString().split(",")));
        };
        List<String> tags = new ArrayList<>();
        for (Object tag : raw) {
            String text = text(tag);
            if (text != null && !tags.contains(text)) {
                tags.add(text);
            }
        }
        return tags;
    }

    private static Long rowCount(Object value, String source) {
        Double number = number(value);
        if (value != null && (number == null || number < 0 || number != Math.floor(number))) {
            LOG.warn("Ignoring row count '{}' in sidecar {}: not a whole number >= 0", value, source);
            return null;
        }
        return number == null ? null : number.longValue();
    }

    private static Double completeness(Object value, String source) {
        Double number = number(value);
        if (value != null && (number == null || number < 0 || number > 100)) {
            LOG.warn("Ignoring completeness '{}' in sidecar {}: not a number in 0..100", value, source);
            return null;
        }
        return number;
    }

    /** Numbers as YAML typed them, or as text ("12,000", "97.5%"). */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(
                        s.strip().replace(",", "").replace("_", "").replaceAll("%$", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
