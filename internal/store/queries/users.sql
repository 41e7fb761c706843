-- name: InsertFirstUser :execrows
-- Inserts the first user only while the table is empty: the check and the
-- insert are one statement, and the unique index on first_user refuses a
-- second first user even when two such statements run concurrently.
INSERT INTO users (id, email, username, name, hashed_password, roles, status,
    login_type, avatar_url, created_at, updated_at, last_seen_at, first_user)
SELECT @id, @email, @username, @name, @hashed_password, @roles, @status,
    @login_type, @avatar_url, @created_at, @updated_at, @last_seen_at, true
WHERE NOT EXISTS (SELECT 1 FROM users);

-- name: InsertUser :exec
INSERT INTO users (id, email, username, name, hashed_password, roles, status,
    login_type, avatar_url, created_at, updated_at, last_seen_at)
VALUES (@id, @email, @username, @name, @hashed_password, @roles, @status,
    @login_type, @avatar_url, @created_at, @updated_at, @last_seen_at);

-- name: GetUserByID :one
SELECT * FROM users WHERE id = @id;

-- name: GetUserByUsername :one
-- The caller folds the name's ASCII letters, as lower() does on both engines
-- (SQLite's lower() and PostgreSQL's on COLLATE "C" text fold ASCII only).
SELECT * FROM users WHERE lower(username) = @folded_username;

-- name: GetUserByEmail :one
SELECT * FROM users WHERE lower(email) = @folded_email;

-- name: ListUsers :many
-- Usernames are unique case-insensitively, so the order is total.
SELECT * FROM users ORDER BY created_at, lower(username), id;

-- name: UpdateUserLastSeen :execrows
UPDATE users SET last_seen_at = @at, updated_at = @at WHERE id = @id;

-- name: UpdateUserStatus :execrows
UPDATE users SET status = @status, updated_at = @updated_at WHERE id = @id;

-- name: UpdateUserPassword :execrows
UPDATE users SET hashed_password = @hashed_password, updated_at = @updated_at WHERE id = @id;

-- name: DeleteUserAPIKeys :exec
DELETE FROM api_keys WHERE user_id = @user_id;

-- name: DeleteUser :execrows
-- The foreign keys cascade to the user's API keys, external auth links,
-- OAuth states and project memberships.
DELETE FROM users WHERE id = @id;

-- name: LockOwners :execrows
-- Locks the rows of every owner (a no-op write) and counts them. On
-- PostgreSQL a concurrent transaction waits here for this one and then
-- counts the owners as this one left them; SQLite has one writer anyway.
UPDATE users SET roles = roles WHERE (',' || roles || ',') LIKE '%,owner,%';

-- name: UpdateUserRoles :one
UPDATE users SET roles = @roles, updated_at = @updated_at WHERE id = @id
RETURNING *;
