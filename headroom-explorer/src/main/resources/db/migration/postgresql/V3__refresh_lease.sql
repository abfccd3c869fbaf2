-- One refresh at a time across every instance on this catalog (docs/decisions/refresh-lease.md).
-- Twin of h2/V3__refresh_lease.sql: keep them in step.
-- The lease is a row of the catalog's own schema, so two catalogs in two schemas of one database never
-- exclude each other. A refresh holds it while it runs: owner = the instance, refresh_id = its
-- refresh_log row, expires_at = renewed by the owner's heartbeat; a lease past expires_at belongs to
-- an owner that is gone, and the next instance may take it.
CREATE TABLE refresh_lease (
    name       VARCHAR(64) PRIMARY KEY,
    owner      VARCHAR(256),
    refresh_id BIGINT,
    expires_at TIMESTAMPTZ
);
INSERT INTO refresh_lease (name) VALUES ('catalog-refresh');

-- Which instance ran (or runs) a refresh, for people reading the log.
ALTER TABLE refresh_log ADD COLUMN owner VARCHAR(256);
-- Every instance looks for RUNNING rows whose owner is gone and for the last end, on each schedule tick.
CREATE INDEX refresh_log_state_idx ON refresh_log (state);
CREATE INDEX refresh_log_finished_at_idx ON refresh_log (finished_at);
