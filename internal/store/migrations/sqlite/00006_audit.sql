-- The audit trail: one row per credential hand-out and security event,
-- append-only (triggers refuse UPDATE; DELETE is retention's alone, through
-- DeleteAuditRecordsBefore). No foreign keys: a record outlives the user,
-- key, link or project it names. Never a secret in any column.
--
-- Times are INTEGER unix milliseconds (UTC); seq (the rowid) orders records
-- of the same millisecond by insertion.

-- +goose Up
CREATE TABLE audit_logs (
    seq             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,      -- canonical UUID text
    time            INTEGER NOT NULL,
    user_id         TEXT    NOT NULL DEFAULT '',  -- '' when nobody is signed in
    username        TEXT    NOT NULL DEFAULT '',
    api_key_id      TEXT    NOT NULL DEFAULT '',  -- the key's public id, never the key
    action          TEXT    NOT NULL,
    resource_type   TEXT    NOT NULL,
    resource_id     TEXT    NOT NULL DEFAULT '',
    resource_uuid   TEXT    NOT NULL DEFAULT '',  -- resource_id as a UUID (Coder's resource_id)
    resource_target TEXT    NOT NULL DEFAULT '',
    provider_id     TEXT    NOT NULL DEFAULT '',
    repository_url  TEXT    NOT NULL DEFAULT '',
    allowed         INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    status_code     INTEGER NOT NULL,
    request_id      TEXT    NOT NULL DEFAULT '',
    ip              TEXT    NOT NULL DEFAULT '',
    user_agent      TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_logs_time_idx ON audit_logs (time);
CREATE INDEX audit_logs_username_idx ON audit_logs (lower(username), time);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, time);
CREATE INDEX audit_logs_resource_idx ON audit_logs (resource_type, resource_id, time);

-- +goose StatementBegin
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE ON audit_logs
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_logs;
