-- External auth: users' links to Git providers, pending OAuth states, and
-- leases that coordinate work (token refresh) across processes.
--
-- Times are INTEGER unix milliseconds (UTC). Secret columns (access_token,
-- refresh_token, pkce_verifier) hold ciphertext when the encrypting decorator
-- is configured; the *_key_id column beside each names the key, '' meaning
-- the value is stored as given.

-- +goose Up
CREATE TABLE external_auth_links (
    user_id              TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id          TEXT    NOT NULL,
    access_token         TEXT    NOT NULL,
    access_token_key_id  TEXT    NOT NULL DEFAULT '',
    refresh_token        TEXT    NOT NULL DEFAULT '', -- '' when the provider gave none
    refresh_token_key_id TEXT    NOT NULL DEFAULT '',
    expires_at           INTEGER NOT NULL DEFAULT 0,  -- 0 = never
    extra_data           TEXT    NOT NULL DEFAULT '', -- JSON object or ''
    failure_reason       TEXT    NOT NULL DEFAULT '',
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    -- Also serves the foreign key, cascade deletes and per-user listing.
    PRIMARY KEY (user_id, provider_id)
) STRICT;

CREATE TABLE oauth_states (
    state_hash           BLOB    NOT NULL PRIMARY KEY, -- SHA-256 of the state value
    user_id              TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id          TEXT    NOT NULL,
    purpose              TEXT    NOT NULL,
    pkce_verifier        TEXT    NOT NULL DEFAULT '',
    pkce_verifier_key_id TEXT    NOT NULL DEFAULT '',
    redirect_to          TEXT    NOT NULL DEFAULT '',
    expires_at           INTEGER NOT NULL,
    created_at           INTEGER NOT NULL
) STRICT;

-- Serves the foreign key and cascade deletes.
CREATE INDEX oauth_states_user_id_idx ON oauth_states (user_id);
-- Serves DeleteExpiredOAuthStates.
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);

CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL -- free once expires_at <= now
) STRICT;

-- +goose Down
DROP TABLE leases;
DROP TABLE oauth_states;
DROP TABLE external_auth_links;
