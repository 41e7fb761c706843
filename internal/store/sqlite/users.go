package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// userValues are u's values in sqlrow.UserColumns order, encoded for storage.
// It stays per engine: SQLite stores the id as its text.
func userValues(u store.User) []any {
	return []any{
		u.ID.String(), u.Email, u.Username, u.Name, u.HashedPassword, sqlrow.EncodeRoles(u.Roles), u.Status,
		u.LoginType, u.AvatarURL, sqlrow.Millis(u.CreatedAt), sqlrow.Millis(u.UpdatedAt), sqlrow.Millis(u.LastSeenAt),
	}
}

// InsertFirstUser inserts u, marked as the first user, only if the users
// table is empty; otherwise it returns store.ErrConflict. The check and the
// insert are one statement, and the unique index on first_user rejects a
// second first user even if two such statements ran concurrently.
func (s *Store) InsertFirstUser(ctx context.Context, u store.User) error {
	const op = "sqlite: insert first user"
	res, err := s.writer.ExecContext(ctx, `INSERT INTO users (`+sqlrow.UserColumns+`, first_user)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1
		WHERE NOT EXISTS (SELECT 1 FROM users)`, userValues(u)...)
	n, err := s.affected(ctx, op, res, err)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: %w: a user already exists", op, store.ErrConflict)
	}
	return nil
}

// InsertUser inserts u; store.ErrConflict on a duplicate id, username or
// email (the last two compared case-insensitively).
func (s *Store) InsertUser(ctx context.Context, u store.User) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO users (`+sqlrow.UserColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, userValues(u)...)
	return s.err(ctx, "sqlite: insert user", err)
}

// GetUserByID returns the user with the given id, or store.ErrNotFound.
func (s *Store) GetUserByID(ctx context.Context, id uuid.UUID) (store.User, error) {
	return s.getUser(ctx, "sqlite: get user by id", `id = ?`, id.String())
}

// GetUserByUsername returns the user whose username matches
// case-insensitively, or store.ErrNotFound.
func (s *Store) GetUserByUsername(ctx context.Context, username string) (store.User, error) {
	return s.getUser(ctx, "sqlite: get user by username", `lower(username) = lower(?)`, username)
}

// GetUserByEmail returns the user whose email matches case-insensitively, or
// store.ErrNotFound.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (store.User, error) {
	return s.getUser(ctx, "sqlite: get user by email", `lower(email) = lower(?)`, email)
}

// getUser returns the one user matching the where clause (one of a fixed
// set, never caller input) with argument arg.
func (s *Store) getUser(ctx context.Context, op, where string, arg any) (store.User, error) {
	row := s.reader.QueryRowContext(ctx, `SELECT `+sqlrow.UserColumns+` FROM users WHERE `+where, arg)
	u, err := sqlrow.ScanUser(row)
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	return u, nil
}

// ListUsers returns all users ordered by creation time, then username
// (case-insensitively; usernames are unique that way, so the order is total).
func (s *Store) ListUsers(ctx context.Context) ([]store.User, error) {
	const op = "sqlite: list users"
	rows, err := s.reader.QueryContext(ctx,
		`SELECT `+sqlrow.UserColumns+` FROM users ORDER BY created_at, lower(username), id`)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	users, err := collect(rows, sqlrow.ScanUser)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return users, nil
}

// UpdateUserLastSeen sets the user's last_seen_at and updated_at to at;
// store.ErrNotFound if there is no such user.
func (s *Store) UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error {
	res, err := s.writer.ExecContext(ctx,
		`UPDATE users SET last_seen_at = ?, updated_at = ? WHERE id = ?`,
		sqlrow.Millis(at), sqlrow.Millis(at), id.String())
	return s.affectedOne(ctx, "sqlite: update user last seen", res, err)
}

// affected returns the number of rows a statement changed, given what
// ExecContext returned; errors are mapped with s.err.
func (s *Store) affected(ctx context.Context, op string, res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, s.err(ctx, op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.err(ctx, op, err)
	}
	return n, nil
}

// affectedOne maps the outcome of an UPDATE or DELETE of one row by key:
// store.ErrNotFound if no row was affected.
func (s *Store) affectedOne(ctx context.Context, op string, res sql.Result, err error) error {
	n, err := s.affected(ctx, op, res, err)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	return nil
}

// collect scans every row with scan, closing rows. It never returns a nil
// slice, so an empty result encodes as [] rather than null.
func collect[T any](rows *sql.Rows, scan func(sqlrow.Scanner) (T, error)) ([]T, error) {
	defer func() { _ = rows.Close() }()
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
