package io.headroom.toolkit.monitor;

/**
 * A section another part contributes to the stats document (the cache's figures), read each time the
 * document is built. Any value the document's JSON mapper serialises (a record, a map); the part
 * depends on this interface, monitoring on nothing of the part.
 */
@FunctionalInterface
public interface StatsSection {
    Object snapshot();
}
