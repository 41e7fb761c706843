-- External auth: users' links to Git providers, pending OAuth states, and
-- leases that coordinate work (token refresh) across processes. The same
-- logical schema as sqlite/00002_external_auth.sql.
--
-- Times are BIGINT unix milliseconds (UTC); text is COLLATE "C" (see
-- 00001_identity.sql). Secret columns (access_token, refresh_token,
-- pkce_verifier) hold ciphertext when the encrypting decorator is configured;
-- the *_key_id column beside each names the key, '' meaning the value is
-- stored as given.

-- +goose Up
CREATE TABLE external_auth_links (
    user_id              uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id          text   COLLATE "C" NOT NULL,
    access_token         text   COLLATE "C" NOT NULL,
    access_token_key_id  text   COLLATE "C" NOT NULL DEFAULT '',
    refresh_token        text   COLLATE "C" NOT NULL DEFAULT '', -- '' when the provider gave none
    refresh_token_key_id text   COLLATE "C" NOT NULL DEFAULT '',
    expires_at           bigint NOT NULL DEFAULT 0,              -- 0 = never
    extra_data           text   COLLATE "C" NOT NULL DEFAULT '', -- JSON object or ''
    failure_reason       text   COLLATE "C" NOT NULL DEFAULT '',
    created_at           bigint NOT NULL,
    updated_at           bigint NOT NULL,
    -- Also serves the foreign key, cascade deletes and per-user listing.
    PRIMARY KEY (user_id, provider_id)
);

CREATE TABLE oauth_states (
    state_hash           bytea  NOT NULL PRIMARY KEY, -- SHA-256 of the state value
    user_id              uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id          text   COLLATE "C" NOT NULL,
    purpose              text   COLLATE "C" NOT NULL,
    pkce_verifier        text   COLLATE "C" NOT NULL DEFAULT '',
    pkce_verifier_key_id text   COLLATE "C" NOT NULL DEFAULT '',
    redirect_to          text   COLLATE "C" NOT NULL DEFAULT '',
    expires_at           bigint NOT NULL,
    created_at           bigint NOT NULL
);

-- Serves the foreign key and cascade deletes.
CREATE INDEX oauth_states_user_id_idx ON oauth_states (user_id);
-- Serves DeleteExpiredOAuthStates.
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);

CREATE TABLE leases (
    name       text   COLLATE "C" NOT NULL PRIMARY KEY,
    holder     text   COLLATE "C" NOT NULL,
    expires_at bigint NOT NULL -- free once expires_at <= now
);

-- +goose Down
DROP TABLE leases;
DROP TABLE oauth_states;
DROP TABLE external_auth_links;
