-- name: UpsertExternalAuthLink :exec
INSERT INTO external_auth_links (user_id, provider_id, access_token, access_token_key_id,
    refresh_token, refresh_token_key_id, expires_at, extra_data, failure_reason,
    created_at, updated_at)
VALUES (@user_id, @provider_id, @access_token, @access_token_key_id,
    @refresh_token, @refresh_token_key_id, @expires_at, @extra_data, @failure_reason,
    @created_at, @updated_at)
ON CONFLICT (user_id, provider_id) DO UPDATE SET
    access_token = excluded.access_token,
    access_token_key_id = excluded.access_token_key_id,
    refresh_token = excluded.refresh_token,
    refresh_token_key_id = excluded.refresh_token_key_id,
    expires_at = excluded.expires_at,
    extra_data = excluded.extra_data,
    failure_reason = excluded.failure_reason,
    updated_at = excluded.updated_at;

-- name: GetExternalAuthLink :one
SELECT * FROM external_auth_links WHERE user_id = @user_id AND provider_id = @provider_id;

-- name: ListExternalAuthLinks :many
SELECT * FROM external_auth_links WHERE user_id = @user_id ORDER BY provider_id;

-- name: AllExternalAuthLinks :many
SELECT * FROM external_auth_links ORDER BY user_id, provider_id;

-- name: DeleteExternalAuthLink :execrows
DELETE FROM external_auth_links WHERE user_id = @user_id AND provider_id = @provider_id;

-- name: ExternalAuthLinkExists :one
SELECT EXISTS (SELECT 1 FROM external_auth_links WHERE user_id = @user_id AND provider_id = @provider_id);

-- name: UpdateExternalAuthLinkTokens :execrows
-- A compare-and-swap on the refresh token.
UPDATE external_auth_links SET
    access_token = @access_token, access_token_key_id = @access_token_key_id,
    refresh_token = @refresh_token, refresh_token_key_id = @refresh_token_key_id,
    expires_at = @expires_at, extra_data = @extra_data, failure_reason = @failure_reason,
    updated_at = @updated_at
WHERE user_id = @user_id AND provider_id = @provider_id AND refresh_token = @old_refresh_token;

-- name: RekeyExternalAuthLink :execrows
-- A compare-and-swap on every encrypted value; nothing else is touched.
UPDATE external_auth_links SET
    access_token = @access_token, access_token_key_id = @access_token_key_id,
    refresh_token = @refresh_token, refresh_token_key_id = @refresh_token_key_id,
    extra_data = @extra_data
WHERE user_id = @user_id AND provider_id = @provider_id
    AND access_token = @old_access_token AND refresh_token = @old_refresh_token
    AND extra_data = @old_extra_data;
