package io.headroom.toolkit.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a change invalidates (CACHE-4): each named event maps its subject (a folder, an id) to the
 * invalidations it causes, declared once, e.g. "a dataset changed in folder f" → every dataset
 * list, the global stats, f's stats and the folder list.
 */
public final class CascadeRules {
    private final Map<String, List<Function<String, Invalidation>>> rules;

    private CascadeRules(Map<String, List<Function<String, Invalidation>>> rules) {
        this.rules = rules;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The invalidations an event causes, in declaration order. */
    public List<Invalidation> expand(String event, String subject) {
        List<Function<String, Invalidation>> effects = rules.get(event);
        if (effects == null) {
            throw new IllegalArgumentException("No cascade rule for event '" + event + "'; known: " + rules.keySet());
        }
        return effects.stream().map(f -> f.apply(subject)).toList();
    }

    public boolean knows(String event) {
        return rules.containsKey(event);
    }

    public static final class Builder {
        private final Map<String, List<Function<String, Invalidation>>> rules = new LinkedHashMap<>();

        private Builder() {}

        @SafeVarargs
        public final Builder on(String event, Function<String, Invalidation>... effects) {
            List<Function<String, Invalidation>> list = rules.computeIfAbsent(event, e -> new ArrayList<>());
            for (Function<String, Invalidation> effect :
                    effects) { // not List.of(effects): a generic array into varargs
                list.add(effect);
            }
            return this;
        }

        public CascadeRules build() {
            Map<String, List<Function<String, Invalidation>>> copy = new LinkedHashMap<>();
            rules.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new CascadeRules(copy);
        }
    }
}
