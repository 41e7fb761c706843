-- The audit trail: the same logical schema as sqlite/00006_audit.sql.
-- Append-only (a trigger refuses UPDATE; DELETE is retention's alone). No
-- foreign keys: a record outlives what it names. seq orders records of the
-- same millisecond by insertion.

-- +goose Up
CREATE TABLE audit_logs (
    seq             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              uuid    NOT NULL UNIQUE,
    time            bigint  NOT NULL,
    user_id         text    COLLATE "C" NOT NULL DEFAULT '',
    username        text    COLLATE "C" NOT NULL DEFAULT '',
    api_key_id      text    COLLATE "C" NOT NULL DEFAULT '',
    action          text    COLLATE "C" NOT NULL,
    resource_type   text    COLLATE "C" NOT NULL,
    resource_id     text    COLLATE "C" NOT NULL DEFAULT '',
    resource_uuid   text    COLLATE "C" NOT NULL DEFAULT '',
    resource_target text    COLLATE "C" NOT NULL DEFAULT '',
    provider_id     text    COLLATE "C" NOT NULL DEFAULT '',
    repository_url  text    COLLATE "C" NOT NULL DEFAULT '',
    allowed         boolean NOT NULL,
    status_code     integer NOT NULL,
    request_id      text    COLLATE "C" NOT NULL DEFAULT '',
    ip              text    COLLATE "C" NOT NULL DEFAULT '',
    user_agent      text    COLLATE "C" NOT NULL DEFAULT ''
);

CREATE INDEX audit_logs_time_idx ON audit_logs (time);
CREATE INDEX audit_logs_username_idx ON audit_logs (lower(username), time);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, time);
CREATE INDEX audit_logs_resource_idx ON audit_logs (resource_type, resource_id, time);

-- +goose StatementBegin
CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();

-- +goose Down
DROP TABLE audit_logs;
DROP FUNCTION audit_logs_append_only();
