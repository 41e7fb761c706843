package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// userValues are u's values in sqlrow.UserColumns order, encoded for storage.
// It stays per engine: pgx encodes the uuid.UUID natively.
func userValues(u store.User) []any {
	return []any{
		u.ID, u.Email, u.Username, u.Name, u.HashedPassword, sqlrow.EncodeRoles(u.Roles), u.Status,
		u.LoginType, u.AvatarURL, sqlrow.Millis(u.CreatedAt), sqlrow.Millis(u.UpdatedAt), sqlrow.Millis(u.LastSeenAt),
	}
}

// InsertFirstUser inserts u, marked as the first user, only if the users
// table is empty; otherwise it returns store.ErrConflict. The check and the
// insert are one statement; two such statements running concurrently may
// both find the table empty, but the unique index on first_user lets only
// one of them commit.
func (s *Store) InsertFirstUser(ctx context.Context, u store.User) error {
	const op = "postgres: insert first user"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `INSERT INTO users (`+sqlrow.UserColumns+`, first_user)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true
		WHERE NOT EXISTS (SELECT 1 FROM users)`, userValues(u)...)
	if err != nil {
		return s.err(ctx, op, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w: a user already exists", op, store.ErrConflict)
	}
	return nil
}

// InsertUser inserts u; store.ErrConflict on a duplicate id, username or
// email (the last two compared case-insensitively).
func (s *Store) InsertUser(ctx context.Context, u store.User) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `INSERT INTO users (`+sqlrow.UserColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, userValues(u)...)
	return s.err(ctx, "postgres: insert user", err)
}

// GetUserByID returns the user with the given id, or store.ErrNotFound.
func (s *Store) GetUserByID(ctx context.Context, id uuid.UUID) (store.User, error) {
	return s.getUser(ctx, "postgres: get user by id", `id = $1`, id)
}

// GetUserByUsername returns the user whose username matches
// case-insensitively (ASCII letters, as in SQLite), or store.ErrNotFound.
func (s *Store) GetUserByUsername(ctx context.Context, username string) (store.User, error) {
	return s.getUser(ctx, "postgres: get user by username",
		`lower(username) = lower($1::text COLLATE "C")`, username)
}

// GetUserByEmail returns the user whose email matches case-insensitively,
// or store.ErrNotFound.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (store.User, error) {
	return s.getUser(ctx, "postgres: get user by email",
		`lower(email) = lower($1::text COLLATE "C")`, email)
}

// getUser returns the one user matching the where clause (one of a fixed
// set, never caller input) with argument arg.
func (s *Store) getUser(ctx context.Context, op, where string, arg any) (store.User, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	u, err := sqlrow.ScanUser(s.pool.QueryRow(ctx, `SELECT `+sqlrow.UserColumns+` FROM users WHERE `+where, arg))
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	return u, nil
}

// ListUsers returns all users ordered by creation time, then username
// (case-insensitively; usernames are unique that way, so the order is total).
func (s *Store) ListUsers(ctx context.Context) ([]store.User, error) {
	const op = "postgres: list users"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx,
		`SELECT `+sqlrow.UserColumns+` FROM users ORDER BY created_at, lower(username), id`)
	users, err := collect(rows, err, sqlrow.ScanUser)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return users, nil
}

// UpdateUserLastSeen sets the user's last_seen_at and updated_at to at;
// store.ErrNotFound if there is no such user.
func (s *Store) UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx,
		`UPDATE users SET last_seen_at = $1, updated_at = $1 WHERE id = $2`, sqlrow.Millis(at), id)
	return s.affectedOne(ctx, "postgres: update user last seen", tag, err)
}

// affectedOne maps the outcome of an UPDATE or DELETE of one row by key:
// store.ErrNotFound if no row was affected.
func (s *Store) affectedOne(ctx context.Context, op string, tag pgconn.CommandTag, err error) error {
	if err != nil {
		return s.err(ctx, op, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	return nil
}

// collect scans every row with scan, closing rows; queryErr is the error
// Query returned with them. It never returns a nil slice, so an empty
// result encodes as [] rather than null.
func collect[T any](rows pgx.Rows, queryErr error, scan func(sqlrow.Scanner) (T, error)) ([]T, error) {
	if queryErr != nil {
		return nil, queryErr
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
