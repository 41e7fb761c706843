package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// User statuses, as Coder names them.
const (
	UserStatusActive    = "active"
	UserStatusSuspended = "suspended"
)

// UserLifecycleStore changes a user's standing. Each method that takes
// access away deletes the user's API keys (sessions and tokens) in the same
// transaction, so that no key outlives the change on any replica: key rows
// are read on every request, never trusted from an old copy.
type UserLifecycleStore interface {
	// UpdateUserStatus sets the user's status and updated_at. A status other
	// than UserStatusActive also deletes every API key of the user.
	// ErrNotFound if there is no such user.
	UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error
	// UpdateUserPassword sets the user's password hash and updated_at and
	// deletes every API key of the user (Coder's rule: a new password signs
	// the user out everywhere). ErrNotFound if there is no such user.
	UpdateUserPassword(ctx context.Context, id uuid.UUID, hashedPassword string, at time.Time) error
	// DeleteUser removes the user and with it (by cascade) their API keys,
	// external auth links, OAuth states and project memberships.
	// ErrNotFound if there is no such user, ErrLastOwner if the user is the
	// only owner (checked under the same lock as UpdateUserRoles, so two
	// replicas deleting the last two owners at once cannot both succeed).
	DeleteUser(ctx context.Context, id uuid.UUID) error
}
