package cache

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// The lifecycle writes change the user's row and delete the user's keys
// (and, for DeleteUser, links and memberships) without naming them: they
// invalidate the user and every cached key, here and on every replica.

func (s *Store) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	defer s.invalidateUserAndKeys(ctx, id)
	return s.Store.UpdateUserStatus(ctx, id, status, at)
}

func (s *Store) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error {
	defer s.invalidateUserAndKeys(ctx, id)
	return s.Store.UpdateUserPassword(ctx, id, hashedPassword, at)
}

func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	defer s.invalidate(ctx, invAll) // links, memberships and keys go by cascade
	return s.Store.DeleteUser(ctx, id)
}

func (s *Store) invalidateUserAndKeys(ctx context.Context, id uuid.UUID) {
	s.invalidate(ctx, invUser, id.String())
	s.invalidate(ctx, invKeys)
}

func (s *Store) UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (store.User, error) {
	defer s.invalidate(ctx, invUser, id.String())
	return s.Store.UpdateUserRoles(ctx, id, roles, at)
}
