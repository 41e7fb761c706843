-- name: InsertSiteConfigIfAbsent :exec
INSERT INTO site_config (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING;

-- name: GetSiteConfig :one
SELECT value FROM site_config WHERE key = @key;

-- name: Counts :one
SELECT (SELECT count(*) FROM users) AS users,
    (SELECT count(*) FROM api_keys WHERE expires_at > @now) AS active_keys;

-- name: Ping :one
SELECT 1 AS one;
