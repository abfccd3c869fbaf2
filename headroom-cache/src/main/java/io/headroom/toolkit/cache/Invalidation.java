package io.headroom.toolkit.cache;

import java.util.Set;

/**
 * One invalidation, always within a keyspace: a key, every entry carrying a tag, every key starting
 * with a prefix, or the whole keyspace. None of them needs Redis {@code KEYS}: tags and prefixes are
 * resolved through the per-keyspace tag sets and key index (see docs/decisions/cache-invalidation.md).
 */
public sealed interface Invalidation {
    String keyspace();

    /** The wire word of this kind, used in Redis scripts and pub/sub messages. */
    String kind();

    /** The key, tag or prefix; empty for {@link All}. */
    String argument();

    boolean matches(String key, Set<String> tags);

    record Key(String keyspace, String key) implements Invalidation {
        @Override
        public String kind() {
            return "key";
        }

        @Override
        public String argument() {
            return key;
        }

        @Override
        public boolean matches(String k, Set<String> tags) {
            return key.equals(k);
        }
    }

    record Tag(String keyspace, String tag) implements Invalidation {
        @Override
        public String kind() {
            return "tag";
        }

        @Override
        public String argument() {
            return tag;
        }

        @Override
        public boolean matches(String k, Set<String> tags) {
            return tags.contains(tag);
        }
    }

    record Prefix(String keyspace, String prefix) implements Invalidation {
        @Override
        public String kind() {
            return "prefix";
        }

        @Override
        public String argument() {
            return prefix;
        }

        @Override
        public boolean matches(String k, Set<String> tags) {
            return k.startsWith(prefix);
        }
    }

    record All(String keyspace) implements Invalidation {
        @Override
        public String kind() {
            return "all";
        }

        @Override
        public String argument() {
            return "";
        }

        @Override
        public boolean matches(String k, Set<String> tags) {
            return true;
        }
    }

    static Invalidation of(String kind, String keyspace, String argument) {
        return switch (kind) {
            case "key" -> new Key(keyspace, argument);
            case "tag" -> new Tag(keyspace, argument);
            case "prefix" -> new Prefix(keyspace, argument);
            case "all" -> new All(keyspace);
            default ->
                throw new IllegalArgumentException(
                        "Unknown invalidation kind '" + kind + "': expected key, tag, prefix or all");
        };
    }
}
