-- Projects, their members, and their named Git credentials (ServiceStage
-- repository authorizations).
--
-- Times are INTEGER unix milliseconds (UTC). Secret columns (secret,
-- refresh_token) hold ciphertext when the encrypting decorator is configured;
-- the *_key_id column beside each names the key, '' meaning the value is
-- stored as given.

-- +goose Up
CREATE TABLE projects (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE project_members (
    project_id TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at   INTEGER NOT NULL,
    -- Also serves the foreign key to projects and per-project listing.
    PRIMARY KEY (project_id, user_id)
) STRICT;

-- Serves the foreign key to users, cascade deletes and ListUserProjects.
CREATE INDEX project_members_user_id_idx ON project_members (user_id);

CREATE TABLE project_git_auths (
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
    -- Names are unique per project; also serves the foreign key.
    PRIMARY KEY (project_id, name)
) STRICT;

-- +goose Down
DROP TABLE project_git_auths;
DROP TABLE project_members;
DROP TABLE projects;
