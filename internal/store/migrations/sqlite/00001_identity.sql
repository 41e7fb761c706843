-- Identity: users, their API keys and sessions, and deployment-wide settings.
--
-- Times are INTEGER unix milliseconds (UTC). Tables are STRICT so a value of
-- the wrong type is rejected instead of silently stored.

-- +goose Up
CREATE TABLE users (
    id              TEXT    NOT NULL PRIMARY KEY, -- canonical UUID text
    email           TEXT    NOT NULL,
    username        TEXT    NOT NULL,
    name            TEXT    NOT NULL DEFAULT '',
    hashed_password TEXT    NOT NULL DEFAULT '',  -- PHC string, never the password
    role            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    login_type      TEXT    NOT NULL,
    avatar_url      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    -- 1 only for the user created by InsertFirstUser; the partial unique index
    -- below makes a second first user impossible even under concurrency.
    first_user      INTEGER NOT NULL DEFAULT 0 CHECK (first_user IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE UNIQUE INDEX users_first_user_key ON users (first_user) WHERE first_user = 1;
CREATE INDEX users_created_at_idx ON users (created_at);

CREATE TABLE api_keys (
    id               TEXT    NOT NULL PRIMARY KEY, -- the public key id
    hashed_secret    BLOB    NOT NULL,             -- SHA-256 of the secret
    user_id          TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_type       TEXT    NOT NULL,
    scope            TEXT    NOT NULL,
    token_name       TEXT    NOT NULL DEFAULT '',
    lifetime_seconds INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    last_used        INTEGER NOT NULL
) STRICT;

-- Token names are unique per user among tokens; sessions carry no name.
CREATE UNIQUE INDEX api_keys_user_token_name_key ON api_keys (user_id, token_name)
    WHERE login_type = 'token';
-- Serves the foreign key, cascade deletes and ListAPIKeys.
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id, login_type, created_at);
-- Serves DeleteExpiredAPIKeys and Counts.
CREATE INDEX api_keys_expires_at_idx ON api_keys (expires_at);

CREATE TABLE site_config (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- +goose Down
DROP TABLE site_config;
DROP TABLE api_keys;
DROP TABLE users;
