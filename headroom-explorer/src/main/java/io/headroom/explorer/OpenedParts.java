package io.headroom.explorer;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What start-up has opened so far, closed in reverse order: by {@link ExplorerServer#close()}, and by
 * a start that fails half-way, so a failed start leaves no pool, thread or port behind. A part that
 * fails to close is logged and the others are still closed.
 */
final class OpenedParts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedParts.class);
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Remembers a part (closed before every part opened earlier) and returns it. */
    <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", part, e.toString());
            }
        }
    }
}
