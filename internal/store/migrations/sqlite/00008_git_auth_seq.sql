-- Insertion order as a column: ListProjectGitAuths breaks ties of created_at
-- with seq on both engines (PostgreSQL has it since 00003), so that one query
-- serves both. seq is the rowid's alias (INTEGER PRIMARY KEY), so it keeps
-- the insertion order SQLite already had; names stay unique per project.

-- +goose Up
CREATE TABLE project_git_auths_new (
    project_id           TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                 TEXT    NOT NULL,
    repo_type            TEXT    NOT NULL,
    provider_id          TEXT    NOT NULL,
    token_type           TEXT    NOT NULL CHECK (token_type IN ('oauth', 'personal', 'password')),
    repo_host            TEXT    NOT NULL DEFAULT '',
    tag                  TEXT,                        -- NULL when none was given
    username             TEXT    NOT NULL DEFAULT '', -- password authorizations only
    secret               TEXT    NOT NULL,            -- access token, personal token or password
    secret_key_id        TEXT    NOT NULL DEFAULT '',
    refresh_token        TEXT    NOT NULL DEFAULT '',
    refresh_token_key_id TEXT    NOT NULL DEFAULT '',
    expires_at           INTEGER NOT NULL DEFAULT 0,  -- 0 = never
    failure_reason       TEXT    NOT NULL DEFAULT '',
    status               INTEGER NOT NULL DEFAULT 0,  -- last definitive status: 0, 1 or 2
    repo_user            TEXT    NOT NULL DEFAULT '',
    repo_home            TEXT    NOT NULL DEFAULT '',
    avatar               TEXT    NOT NULL DEFAULT '',
    created_by           TEXT    NOT NULL,            -- a user id; no foreign key on purpose
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    seq                  INTEGER PRIMARY KEY,         -- the rowid: insertion order
    -- Names are unique per project; also serves the foreign key.
    UNIQUE (project_id, name)
) STRICT;

INSERT INTO project_git_auths_new (project_id, name, repo_type, provider_id, token_type, repo_host, tag,
    username, secret, secret_key_id, refresh_token, refresh_token_key_id, expires_at,
    failure_reason, status, repo_user, repo_home, avatar, created_by, created_at, updated_at, seq)
SELECT project_id, name, repo_type, provider_id, token_type, repo_host, tag,
    username, secret, secret_key_id, refresh_token, refresh_token_key_id, expires_at,
    failure_reason, status, repo_user, repo_home, avatar, created_by, created_at, updated_at, rowid
FROM project_git_auths;

DROP TABLE project_git_auths;
ALTER TABLE project_git_auths_new RENAME TO project_git_auths;

-- +goose Down
-- seq stays: it is only the rowid under a name.
SELECT 1;
