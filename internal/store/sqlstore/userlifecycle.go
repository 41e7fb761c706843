package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// UpdateUserStatus sets the user's status; any status but active also
// deletes the user's API keys, in the same transaction.
func (s *Store) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	arg := sqlq.UpdateUserStatusParams{Status: status, UpdatedAt: millis(at), ID: id}
	return s.updateUserRevokingKeys(ctx, "update user status", id, status != store.UserStatusActive,
		func(ctx context.Context, q *sqlq.Queries) (int64, error) { return q.UpdateUserStatus(ctx, arg) })
}

// UpdateUserPassword sets the user's password hash and deletes the user's
// API keys, in one transaction.
func (s *Store) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error {
	arg := sqlq.UpdateUserPasswordParams{HashedPassword: hashedPassword, UpdatedAt: millis(at), ID: id}
	return s.updateUserRevokingKeys(ctx, "update user password", id, true,
		func(ctx context.Context, q *sqlq.Queries) (int64, error) { return q.UpdateUserPassword(ctx, arg) })
}

// updateUserRevokingKeys runs update (of user id) and, when revoke is set,
// deletes that user's API keys, in one write transaction: both happen or
// neither. store.ErrNotFound if no user matched.
func (s *Store) updateUserRevokingKeys(ctx context.Context, op string, id uuid.UUID, revoke bool,
	update func(context.Context, *sqlq.Queries) (int64, error)) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		n, err := update(ctx, q)
		switch {
		case err != nil:
			return err
		case n == 0:
			return errGone
		case revoke:
			return q.DeleteUserAPIKeys(ctx, id)
		}
		return nil
	})
	if err == errGone {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, err)
	}
	return s.err(ctx, op, err)
}

// DeleteUser removes the user; the foreign keys cascade to the user's API
// keys, external auth links, OAuth states and project memberships. The
// owners are locked and counted first, as UpdateUserRoles does: the only
// owner is refused store.ErrLastOwner.
func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	const op = "delete user"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		if err := s.keepAnOwner(ctx, q, id); err != nil {
			return err
		}
		n, err := q.DeleteUser(ctx, id)
		if err == nil && n == 0 {
			return errGone
		}
		return err
	})
	if errors.Is(err, store.ErrLastOwner) || err == errGone {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, err)
	}
	return s.err(ctx, op, err)
}
