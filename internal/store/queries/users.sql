-- name: InsertFirstUser :execrows
-- Inserts the first user only while the table is empty: the check and the
-- insert are one statement, and the unique index on first_user refuses a
-- second first user even when two such statements run concurrently.
INSERT INTO users (id, email, username, name, hashed_password, role, status,
    login_type, avatar_url, created_at, updated_at, last_seen_at, first_user)
SELECT @id, @email, @username, @name, @hashed_password, @role, @status,
    @login_type, @avatar_url, @created_at, @updated_at, @last_seen_at, true
WHERE NOT EXISTS (SELECT 1 FROM users);

-- name: InsertUser :exec
INSERT INTO users (id, email, username, name, hashed_password, role, status,
    login_type, avatar_url, created_at, updated_at, last_seen_at)
VALUES (@id, @email, @username, @name, @hashed_password, @role, @status,
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
