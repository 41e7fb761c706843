-- name: InsertAPIKey :exec
INSERT INTO api_keys (id, hashed_secret, user_id, login_type, scope, token_name,
    lifetime_seconds, expires_at, created_at, updated_at, last_used)
VALUES (@id, @hashed_secret, @user_id, @login_type, @scope, @token_name,
    @lifetime_seconds, @expires_at, @created_at, @updated_at, @last_used);

-- name: GetAPIKeyByID :one
SELECT * FROM api_keys WHERE id = @id;

-- name: ListAPIKeys :many
SELECT * FROM api_keys WHERE user_id = @user_id AND login_type = @login_type
ORDER BY created_at DESC, id DESC;

-- name: DeleteAPIKey :execrows
DELETE FROM api_keys WHERE id = @id;

-- name: UpdateAPIKeyUsage :execrows
-- A NULL expires_at keeps the current expiry.
UPDATE api_keys SET last_used = @last_used,
    expires_at = coalesce(sqlc.narg(expires_at), expires_at)
WHERE id = @id;

-- name: DeleteExpiredAPIKeys :execrows
DELETE FROM api_keys WHERE expires_at < @before;
