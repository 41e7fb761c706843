-- Projects, their members, and their named Git credentials (ServiceStage
-- repository authorizations). The same logical schema as
-- sqlite/00003_projects.sql.
--
-- Times are BIGINT unix milliseconds (UTC); text is COLLATE "C" (see
-- 00001_identity.sql). Secret columns (secret, refresh_token) hold
-- ciphertext when the encrypting decorator is configured; the *_key_id
-- column beside each names the key, '' meaning the value is stored as given.

-- +goose Up
CREATE TABLE projects (
    id         text   COLLATE "C" NOT NULL PRIMARY KEY,
    name       text   COLLATE "C" NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE project_members (
    project_id text   COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at   bigint NOT NULL,
    -- Also serves the foreign key to projects and per-project listing.
    PRIMARY KEY (project_id, user_id)
);

-- Serves the foreign key to users, cascade deletes and ListUserProjects.
CREATE INDEX project_members_user_id_idx ON project_members (user_id);

CREATE TABLE project_git_auths (
    project_id           text    COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                 text    COLLATE "C" NOT NULL,
    repo_type            text    COLLATE "C" NOT NULL,
    provider_id          text    COLLATE "C" NOT NULL,
    token_type           text    COLLATE "C" NOT NULL CHECK (token_type IN ('oauth', 'personal', 'password')),
    repo_host            text    COLLATE "C" NOT NULL DEFAULT '',
    tag                  text    COLLATE "C",                     -- NULL when none was given
    username             text    COLLATE "C" NOT NULL DEFAULT '', -- password authorizations only
    secret               text    COLLATE "C" NOT NULL,            -- access token, personal token or password
    secret_key_id        text    COLLATE "C" NOT NULL DEFAULT '',
    refresh_token        text    COLLATE "C" NOT NULL DEFAULT '',
    refresh_token_key_id text    COLLATE "C" NOT NULL DEFAULT '',
    expires_at           bigint  NOT NULL DEFAULT 0,              -- 0 = never
    failure_reason       text    COLLATE "C" NOT NULL DEFAULT '',
    status               integer NOT NULL DEFAULT 0,              -- last definitive status: 0, 1 or 2
    repo_user            text    COLLATE "C" NOT NULL DEFAULT '',
    repo_home            text    COLLATE "C" NOT NULL DEFAULT '',
    avatar               text    COLLATE "C" NOT NULL DEFAULT '',
    created_by           uuid    NOT NULL,                        -- a user id; no foreign key on purpose
    created_at           bigint  NOT NULL,
    updated_at           bigint  NOT NULL,
    -- Insertion order, which SQLite keeps as the rowid: ListProjectGitAuths
    -- breaks ties of created_at with it.
    seq                  bigint  GENERATED ALWAYS AS IDENTITY,
    -- Names are unique per project; also serves the foreign key.
    PRIMARY KEY (project_id, name)
);

-- +goose Down
DROP TABLE project_git_auths;
DROP TABLE project_members;
DROP TABLE projects;
