package io.headroom.explorer.catalog;

/**
 * A refresh's lease expired or was taken over (its instance stalled or lost the database for longer than
 * the lease lasts): the refresh must stop without writing anything more, since another may be running.
 */
public final class RefreshLeaseLostException extends RuntimeException {
    public RefreshLeaseLostException(long refreshId) {
        super("refresh " + refreshId + " lost its lease (it stalled or lost the database for longer than "
                + "HEADROOM_REFRESH_LEASE_TTL) and stopped writing");
    }
}
