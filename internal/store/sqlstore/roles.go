package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// encodeRoles is the roles column of a role set: the normalized roles
// joined by commas ("" for a plain member).
func encodeRoles(roles []string) string { return strings.Join(store.NormalizeRoles(roles), ",") }

// decodeRoles reads what encodeRoles wrote.
func decodeRoles(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// keepAnOwner locks and counts the owners' rows (LockOwners) in q's
// transaction and returns store.ErrLastOwner when user id is the only one:
// on PostgreSQL concurrent transactions take turns here, so the second sees
// what the first left.
func (s *Store) keepAnOwner(ctx context.Context, q *sqlq.Queries, id uuid.UUID) error {
	owners, err := q.LockOwners(ctx)
	if err != nil {
		return err
	}
	cur, err := q.GetUserByID(ctx, id)
	if err != nil {
		return err
	}
	if owners == 1 && slices.Contains(decodeRoles(cur.Roles), store.RoleOwner) {
		return store.ErrLastOwner
	}
	return nil
}

// UpdateUserRoles replaces the user's roles in one write transaction. When
// the new set lacks the owner role, the owners' rows are locked and counted
// first (LockOwners): two replicas demoting the last two owners at once
// take turns on PostgreSQL, and the second sees that only its target is
// left and is refused store.ErrLastOwner.
func (s *Store) UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (store.User, error) {
	const op = "update user roles"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	roles = store.NormalizeRoles(roles)
	var u sqlq.User
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		if !slices.Contains(roles, store.RoleOwner) {
			if err := s.keepAnOwner(ctx, q, id); err != nil {
				return err
			}
		}
		var err error
		u, err = q.UpdateUserRoles(ctx, sqlq.UpdateUserRolesParams{Roles: encodeRoles(roles), UpdatedAt: millis(at), ID: id})
		return err
	})
	if errors.Is(err, store.ErrLastOwner) {
		return store.User{}, fmt.Errorf("%s: %s: %w", s.e.Name, op, store.ErrLastOwner)
	}
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	return toUser(u), nil
}
