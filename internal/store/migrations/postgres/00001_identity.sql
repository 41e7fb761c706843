-- Identity: users, their API keys and sessions, and deployment-wide settings.
-- The same logical schema as sqlite/00001_identity.sql.
--
-- Times are BIGINT unix milliseconds (UTC), exactly as in SQLite, so both
-- engines truncate, compare and round-trip them alike (the zero time.Time
-- included). Every text column is COLLATE "C": comparisons and ORDER BY are
-- bytewise and lower() folds ASCII only, as in SQLite, whatever the
-- database's locale.

-- +goose Up
CREATE TABLE users (
    id              uuid    NOT NULL PRIMARY KEY,
    email           text    COLLATE "C" NOT NULL,
    username        text    COLLATE "C" NOT NULL,
    name            text    COLLATE "C" NOT NULL DEFAULT '',
    hashed_password text    COLLATE "C" NOT NULL DEFAULT '', -- PHC string, never the password
    role            text    COLLATE "C" NOT NULL,
    status          text    COLLATE "C" NOT NULL,
    login_type      text    COLLATE "C" NOT NULL,
    avatar_url      text    COLLATE "C" NOT NULL DEFAULT '',
    created_at      bigint  NOT NULL,
    updated_at      bigint  NOT NULL,
    last_seen_at    bigint  NOT NULL,
    -- true only for the user created by InsertFirstUser; the partial unique
    -- index below makes a second first user impossible even when two
    -- transactions insert one concurrently.
    first_user      boolean NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE UNIQUE INDEX users_first_user_key ON users (first_user) WHERE first_user;
CREATE INDEX users_created_at_idx ON users (created_at);

CREATE TABLE api_keys (
    id               text   COLLATE "C" NOT NULL PRIMARY KEY, -- the public key id
    hashed_secret    bytea  NOT NULL,                         -- SHA-256 of the secret
    user_id          uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_type       text   COLLATE "C" NOT NULL,
    scope            text   COLLATE "C" NOT NULL,
    token_name       text   COLLATE "C" NOT NULL DEFAULT '',
    lifetime_seconds bigint NOT NULL,
    expires_at       bigint NOT NULL,
    created_at       bigint NOT NULL,
    updated_at       bigint NOT NULL,
    last_used        bigint NOT NULL
);

-- Token names are unique per user among tokens; sessions carry no name.
CREATE UNIQUE INDEX api_keys_user_token_name_key ON api_keys (user_id, token_name)
    WHERE login_type = 'token';
-- Serves the foreign key, cascade deletes and ListAPIKeys.
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id, login_type, created_at);
-- Serves DeleteExpiredAPIKeys and Counts.
CREATE INDEX api_keys_expires_at_idx ON api_keys (expires_at);

CREATE TABLE site_config (
    key   text COLLATE "C" NOT NULL PRIMARY KEY,
    value text COLLATE "C" NOT NULL
);

-- +goose Down
DROP TABLE site_config;
DROP TABLE api_keys;
DROP TABLE users;
