-- name: InsertOAuthState :exec
INSERT INTO oauth_states (state_hash, user_id, provider_id, purpose, pkce_verifier,
    pkce_verifier_key_id, redirect_to, expires_at, created_at)
VALUES (@state_hash, @user_id, @provider_id, @purpose, @pkce_verifier,
    @pkce_verifier_key_id, @redirect_to, @expires_at, @created_at);

-- name: ConsumeOAuthState :one
-- Of concurrent consumers exactly one gets the row.
DELETE FROM oauth_states WHERE state_hash = @state_hash
RETURNING state_hash, user_id, provider_id, purpose, pkce_verifier,
    pkce_verifier_key_id, redirect_to, expires_at, created_at;

-- name: DeleteExpiredOAuthStates :execrows
DELETE FROM oauth_states WHERE expires_at < @before;

-- name: ListOAuthStates :many
SELECT * FROM oauth_states ORDER BY state_hash;

-- name: OAuthStateExists :one
SELECT EXISTS (SELECT 1 FROM oauth_states WHERE state_hash = @state_hash);

-- name: RekeyOAuthState :execrows
UPDATE oauth_states SET pkce_verifier = @pkce_verifier, pkce_verifier_key_id = @pkce_verifier_key_id
WHERE state_hash = @state_hash AND pkce_verifier = @old_pkce_verifier;

-- name: AcquireLease :execrows
-- Inserts the lease, or takes it over when it has expired or already
-- belongs to the holder: a row changes exactly when the holder gets it.
INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires_at)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leases.expires_at <= @now OR leases.holder = excluded.holder;

-- name: ReleaseLease :exec
DELETE FROM leases WHERE name = @name AND holder = @holder;
