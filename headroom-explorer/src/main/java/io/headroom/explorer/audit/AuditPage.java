package io.headroom.explorer.audit;

import java.util.List;

/** @param nextCursor the cursor of the next (older) page; null on the last page */
public record AuditPage(List<AuditEntry> items, String nextCursor) {}
