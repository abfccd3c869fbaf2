package io.headroom.explorer.audit;

import java.time.Instant;
import java.util.Optional;

/** A page of the audit log, newest first: optionally one actor, one action, a time range; after a cursor (an entry id). */
public record AuditQuery(
        Optional<String> actor,
        Optional<String> action,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<Long> beforeId,
        int limit) {}
