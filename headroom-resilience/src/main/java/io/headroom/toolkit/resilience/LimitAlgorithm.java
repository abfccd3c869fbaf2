package io.headroom.toolkit.resilience;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import io.headroom.toolkit.config.ConfigException;
import java.util.Locale;

/**
 * Which adaptive limit (Netflix concurrency-limits) a {@link ConcurrencyLimit} runs. Both lower the limit
 * when latency rises; which suits our workload was measured (docs/decisions/overload-concurrency-limits.md).
 */
public enum LimitAlgorithm {
    /** Compares a short- and a long-window average latency: tolerant of a mix of fast and slow work. */
    GRADIENT2 {
        @Override
        Limit create(int max) {
            return Gradient2Limit.newBuilder()
                    .initialLimit(max)
                    .minLimit(1)
                    .maxConcurrency(max)
                    .queueSize(Math.max(1, max / 4)) // the headroom Gradient2 keeps above the ideal
                    .build();
        }
    },
    /** Estimates queueing as latency - minimum latency: needs a stable minimum. */
    VEGAS {
        @Override
        Limit create(int max) {
            return VegasLimit.newBuilder().initialLimit(max).maxConcurrency(max).build();
        }
    };

    abstract Limit create(int max);

    /** {@code gradient2} or {@code vegas}, as a setting spells it. */
    public static LimitAlgorithm parse(String setting, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + "=" + value + " is not an algorithm: gradient2 or vegas");
        }
    }
}
