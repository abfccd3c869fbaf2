package io.headroom.explorer.audit;

import java.time.Instant;

/**
 * One audited event: who (a user name, {@code admin-token}, or the name tried at a failed login), what,
 * on which target, how it ended, when and from which address. Never a password, token or key.
 *
 * @param outcome {@code success}, {@code denied} (credentials refused) or {@code failed} (the action itself failed)
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String outcome, String ip) {
    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";
}
