package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpdateUserStatus sets the user's status; any status but active also
// deletes the user's API keys, in the same statement.
func (s *Store) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	return s.updateUserRevokingKeys(ctx, "postgres: update user status", status != store.UserStatusActive,
		`status = $3`, id, sqlrow.Millis(at), status)
}

// UpdateUserPassword sets the user's password hash and deletes the user's
// API keys, in one statement.
func (s *Store) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error {
	return s.updateUserRevokingKeys(ctx, "postgres: update user password", true,
		`hashed_password = $3`, id, sqlrow.Millis(at), hashedPassword)
}

// updateUserRevokingKeys sets one column of user id ($1; set uses $3) and
// updated_at ($2) and, when revoke is set ($4), deletes the user's API keys.
// One statement, so both happen or neither. store.ErrNotFound if no user
// matched.
func (s *Store) updateUserRevokingKeys(ctx context.Context, op string, revoke bool, set string, id uuid.UUID, at int64, value string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var n int64
	err := s.pool.QueryRow(ctx, `WITH u AS (
			UPDATE users SET `+set+`, updated_at = $2 WHERE id = $1 RETURNING id
		), k AS (
			DELETE FROM api_keys WHERE $4 AND user_id IN (SELECT id FROM u)
		)
		SELECT count(*) FROM u`, id, at, value, revoke).Scan(&n)
	if err != nil {
		return s.err(ctx, op, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	return nil
}

// DeleteUser removes the user; the foreign keys cascade to the user's API
// keys, external auth links, OAuth states and project memberships.
func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM users WHERE id = $1`, id)
	return s.affectedOne(ctx, "postgres: delete user", tag, err)
}
