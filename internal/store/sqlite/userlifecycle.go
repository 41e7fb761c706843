package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpdateUserStatus sets the user's status; any status but active also
// deletes the user's API keys, in the same transaction.
func (s *Store) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	return s.updateUserRevokingKeys(ctx, "sqlite: update user status", status != store.UserStatusActive,
		`UPDATE users SET status = ?, updated_at = ? WHERE id = ?`, status, sqlrow.Millis(at), id.String())
}

// UpdateUserPassword sets the user's password hash and deletes the user's
// API keys, in one transaction.
func (s *Store) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error {
	return s.updateUserRevokingKeys(ctx, "sqlite: update user password", true,
		`UPDATE users SET hashed_password = ?, updated_at = ? WHERE id = ?`, hashedPassword, sqlrow.Millis(at), id.String())
}

// updateUserRevokingKeys runs update (an UPDATE of one user whose last
// argument is the user's id) and, when revoke is set, deletes that user's API
// keys, in one write transaction. store.ErrNotFound if no user matched.
func (s *Store) updateUserRevokingKeys(ctx context.Context, op string, revoke bool, update string, args ...any) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit
	res, err := tx.ExecContext(ctx, update, args...)
	if err != nil {
		return s.err(ctx, op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.err(ctx, op, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	if revoke {
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_keys WHERE user_id = ?`, args[len(args)-1]); err != nil {
			return s.err(ctx, op, err)
		}
	}
	return s.err(ctx, op, tx.Commit())
}

// DeleteUser removes the user; the foreign keys cascade to the user's API
// keys, external auth links, OAuth states and project memberships.
func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id.String())
	return s.affectedOne(ctx, "sqlite: delete user", res, err)
}
