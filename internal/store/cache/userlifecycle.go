package cache

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// The lifecycle writes delete a user's keys (and, for DeleteUser, links)
// without naming them, so they drop every cached row of that table.

func (s *Store) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	defer s.keys.invalidateAll()
	return s.Store.UpdateUserStatus(ctx, id, status, at)
}

func (s *Store) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error {
	defer s.keys.invalidateAll()
	return s.Store.UpdateUserPassword(ctx, id, hashedPassword, at)
}

func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	defer s.keys.invalidateAll()
	defer s.links.invalidateAll()
	return s.Store.DeleteUser(ctx, id)
}
