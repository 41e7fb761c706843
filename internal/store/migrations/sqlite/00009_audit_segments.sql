-- The audit trail as segments: one row per group commit, holding that
-- group's records as a JSON array (oldest first), and postings that index
-- the segments by actor, action and resource. A group of records is one
-- row and a handful of postings instead of one indexed row per record,
-- which is what makes a durable record cheap enough for every credential
-- handed out (docs/benchmarks.md). Filters are applied to the records
-- themselves after the postings narrowed the segments, so a posting only
-- ever widens a search; n_records makes counts exact without decoding.
--
-- Terms: 'user:<uuid>', 'username:<lower(username)>', 'action:<action>',
-- 'type:<resource_type>', 'resource:<resource_id>' and
-- 'resource:<resource_uuid>'. Times are unix milliseconds (UTC). Segments
-- are append-only (a trigger refuses UPDATE); retention alone deletes, and
-- rewrites a segment it prunes in part under the same seq.
--
-- Records of the former audit_logs table become one segment each.

-- +goose Up
CREATE TABLE audit_segments (
    seq        INTEGER PRIMARY KEY,
    first_time INTEGER NOT NULL,
    last_time  INTEGER NOT NULL,
    n_records  INTEGER NOT NULL CHECK (n_records > 0),
    records    TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_segments_time_idx ON audit_segments (first_time, seq);

CREATE TABLE audit_postings (
    term      TEXT    NOT NULL,
    segment   INTEGER NOT NULL,
    n_records INTEGER NOT NULL CHECK (n_records > 0),
    PRIMARY KEY (term, segment)
) STRICT, WITHOUT ROWID;

-- +goose StatementBegin
CREATE TRIGGER audit_segments_append_only BEFORE UPDATE ON audit_segments
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;
-- +goose StatementEnd

INSERT INTO audit_segments (seq, first_time, last_time, n_records, records)
SELECT seq, time, time, 1, json_array(json_object(
    'id', id, 'time', time, 'user_id', user_id, 'username', username, 'api_key_id', api_key_id,
    'action', action, 'resource_type', resource_type, 'resource_id', resource_id,
    'resource_uuid', resource_uuid, 'resource_target', resource_target, 'provider_id', provider_id,
    'repository_url', repository_url, 'allowed', json(CASE allowed WHEN 1 THEN 'true' ELSE 'false' END),
    'status_code', status_code, 'request_id', request_id, 'ip', ip, 'user_agent', user_agent))
FROM audit_logs;

INSERT INTO audit_postings (term, segment, n_records)
SELECT 'user:' || user_id, seq, 1 FROM audit_logs WHERE user_id <> ''
UNION ALL SELECT 'username:' || lower(username), seq, 1 FROM audit_logs WHERE username <> ''
UNION ALL SELECT 'action:' || action, seq, 1 FROM audit_logs
UNION ALL SELECT 'type:' || resource_type, seq, 1 FROM audit_logs
UNION ALL SELECT 'resource:' || resource_id, seq, 1 FROM audit_logs WHERE resource_id <> ''
UNION ALL SELECT 'resource:' || resource_uuid, seq, 1 FROM audit_logs
    WHERE resource_uuid <> '' AND resource_uuid <> resource_id;

DROP TABLE audit_logs;

-- +goose Down
CREATE TABLE audit_logs (
    seq             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    time            INTEGER NOT NULL,
    user_id         TEXT    NOT NULL DEFAULT '',
    username        TEXT    NOT NULL DEFAULT '',
    api_key_id      TEXT    NOT NULL DEFAULT '',
    action          TEXT    NOT NULL,
    resource_type   TEXT    NOT NULL,
    resource_id     TEXT    NOT NULL DEFAULT '',
    resource_uuid   TEXT    NOT NULL DEFAULT '',
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
INSERT INTO audit_logs (id, time, user_id, username, api_key_id, action, resource_type, resource_id,
    resource_uuid, resource_target, provider_id, repository_url, allowed, status_code, request_id, ip, user_agent)
SELECT r.value ->> 'id', r.value ->> 'time', r.value ->> 'user_id', r.value ->> 'username', r.value ->> 'api_key_id',
    r.value ->> 'action', r.value ->> 'resource_type', r.value ->> 'resource_id', r.value ->> 'resource_uuid',
    r.value ->> 'resource_target', r.value ->> 'provider_id', r.value ->> 'repository_url', r.value ->> 'allowed',
    r.value ->> 'status_code', r.value ->> 'request_id', r.value ->> 'ip', r.value ->> 'user_agent'
FROM audit_segments s, json_each(s.records) r
ORDER BY s.seq, r.key;
DROP TABLE audit_postings;
DROP TABLE audit_segments;
