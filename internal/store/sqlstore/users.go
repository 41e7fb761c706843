package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toUser(u sqlq.User) store.User {
	return store.User{ID: u.ID, Email: u.Email, Username: u.Username, Name: u.Name,
		HashedPassword: u.HashedPassword, Roles: decodeRoles(u.Roles), Status: u.Status, LoginType: u.LoginType, AvatarURL: u.AvatarUrl,
		CreatedAt: fromMillis(u.CreatedAt), UpdatedAt: fromMillis(u.UpdatedAt), LastSeenAt: fromMillis(u.LastSeenAt)}
}

func userRow(u store.User) sqlq.InsertUserParams {
	return sqlq.InsertUserParams{ID: u.ID, Email: u.Email, Username: u.Username, Name: u.Name,
		HashedPassword: u.HashedPassword, Roles: encodeRoles(u.Roles), Status: u.Status, LoginType: u.LoginType, AvatarUrl: u.AvatarURL,
		CreatedAt: millis(u.CreatedAt), UpdatedAt: millis(u.UpdatedAt), LastSeenAt: millis(u.LastSeenAt)}
}

// InsertFirstUser inserts u, marked as the first user, only if the users
// table is empty; otherwise it returns store.ErrConflict.
func (s *Store) InsertFirstUser(ctx context.Context, u store.User) error {
	const op = "insert first user"
	n, err := s.execCount(ctx, op, func(ctx context.Context) (int64, error) {
		return s.w.InsertFirstUser(ctx, sqlq.InsertFirstUserParams(userRow(u)))
	})
	if err == nil && n == 0 {
		return fmt.Errorf("%s: %s: %w: a user already exists", s.e.Name, op, store.ErrConflict)
	}
	return err
}

// InsertUser inserts u; store.ErrConflict on a duplicate id, username or
// email (the last two compared case-insensitively).
func (s *Store) InsertUser(ctx context.Context, u store.User) error {
	return s.exec(ctx, "insert user", func(ctx context.Context) error { return s.w.InsertUser(ctx, userRow(u)) })
}

// GetUserByID returns the user with the given id, or store.ErrNotFound.
func (s *Store) GetUserByID(ctx context.Context, id uuid.UUID) (store.User, error) {
	return read(s, ctx, "get user by id", func(ctx context.Context) (sqlq.User, error) { return s.r.GetUserByID(ctx, id) }, toUser)
}

// GetUserByUsername returns the user whose username matches
// case-insensitively, or store.ErrNotFound.
func (s *Store) GetUserByUsername(ctx context.Context, username string) (store.User, error) {
	return read(s, ctx, "get user by username", func(ctx context.Context) (sqlq.User, error) {
		return s.r.GetUserByUsername(ctx, foldASCII(username))
	}, toUser)
}

// GetUserByEmail returns the user whose email matches case-insensitively, or
// store.ErrNotFound.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (store.User, error) {
	return read(s, ctx, "get user by email", func(ctx context.Context) (sqlq.User, error) {
		return s.r.GetUserByEmail(ctx, foldASCII(email))
	}, toUser)
}

// ListUsers returns all users ordered by creation time, then username
// (case-insensitively), then id.
func (s *Store) ListUsers(ctx context.Context) ([]store.User, error) {
	return readAll(s, ctx, "list users", s.r.ListUsers, toUser)
}

// UpdateUserLastSeen sets the user's last_seen_at and updated_at to at;
// store.ErrNotFound if there is no such user.
func (s *Store) UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error {
	return execOne(s, ctx, "update user last seen", s.w.UpdateUserLastSeen, sqlq.UpdateUserLastSeenParams{At: millis(at), ID: id})
}

// foldASCII lower-cases the ASCII letters of s and nothing else, exactly as
// lower() does on both engines, so that a look-up matches the unique
// lower(...) indexes alike everywhere.
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}
