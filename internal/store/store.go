// Package store is gitauthd's persistence contract. Callers depend on the Store
// interface only. The engines (sqlite and postgres, both running the statements
// of sqlstore) and the decorators (dbcrypt, cache) live in sub-packages and
// return the sentinel errors below, so that no engine-specific behaviour
// leaks upward.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
)

var (
	// ErrNotFound: no row matched.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: a unique constraint was violated (duplicate username,
	// email, token name, or a second first user).
	ErrConflict = errors.New("store: conflict")
	// ErrUnavailable: the database could not be reached or timed out.
	ErrUnavailable = errors.New("store: database unavailable")
	// ErrLastOwner: the change would leave the deployment without an owner.
	ErrLastOwner = errors.New("store: the last owner cannot lose the owner role")
)

// Site roles, as Coder names them. A user holds a set of them; member is
// implied for everyone and never stored.
const (
	RoleOwner     = "owner"
	RoleUserAdmin = "user-admin"
	RoleAuditor   = "auditor"
	RoleMember    = "member"
)

// Login types, as Coder names them.
const (
	LoginTypePassword = "password"
	LoginTypeToken    = "token"
	LoginTypeOIDC     = "oidc"
	LoginTypeGitHub   = "github"
)

// User is a person who can sign in.
type User struct {
	ID             uuid.UUID
	Email          string // stored as given; unique case-insensitively
	Username       string // unique case-insensitively
	Name           string
	HashedPassword string   // PHC-formatted password hash; never the password
	Roles          []string // site roles beyond member, sorted, no duplicates (see NormalizeRoles)
	Status         string   // "active"
	LoginType      string   // LoginTypePassword
	AvatarURL      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastSeenAt     time.Time
}

// HasRole reports whether u holds role; every user holds RoleMember.
func (u User) HasRole(role string) bool {
	if role == RoleMember {
		return true
	}
	for _, r := range u.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// APIKey is a session key (LoginType password) or an API token (LoginType
// token). Only the SHA-256 of the secret half is stored.
type APIKey struct {
	ID              string // the 10-character public id
	HashedSecret    []byte // SHA-256 of the 22-character secret
	UserID          uuid.UUID
	LoginType       string
	Scope           string // "all"
	TokenName       string // unique per user among tokens; "" for sessions
	LifetimeSeconds int64
	ExpiresAt       time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
	LastUsed        time.Time
}

// Counts are the figures the deployment stats collector reads.
type Counts struct {
	Users       int64
	ActiveKeys  int64 // unexpired keys of any login type
	CollectedAt time.Time
}

// Store is the persistence contract. Every method honours ctx (deadline and
// cancellation). Times are stored with at least millisecond precision and
// returned in UTC.
type Store interface {
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error

	// InsertFirstUser inserts u only if no user exists yet; otherwise
	// ErrConflict. It is atomic: of two concurrent calls exactly one wins.
	InsertFirstUser(ctx context.Context, u User) error
	// InsertUser inserts u; ErrConflict on a duplicate username or email.
	InsertUser(ctx context.Context, u User) error
	GetUserByID(ctx context.Context, id uuid.UUID) (User, error)
	// GetUserByUsername and GetUserByEmail match case-insensitively.
	GetUserByUsername(ctx context.Context, username string) (User, error)
	GetUserByEmail(ctx context.Context, email string) (User, error)
	// ListUsers returns all users ordered by creation time, then username.
	ListUsers(ctx context.Context) ([]User, error)
	// UpdateUserLastSeen sets last_seen_at (and updated_at).
	UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error
	// UpdateUserRoles replaces the user's site roles (normalized with
	// NormalizeRoles) and sets updated_at, returning the updated row;
	// ErrNotFound if there is no such user, ErrLastOwner if it would take the
	// owner role from the only owner. Concurrent calls (any replica) never
	// leave the deployment without an owner.
	UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (User, error)

	// InsertAPIKey inserts k; ErrConflict if a token of the same user has the
	// same token name.
	InsertAPIKey(ctx context.Context, k APIKey) error
	GetAPIKeyByID(ctx context.Context, id string) (APIKey, error)
	// ListAPIKeys returns the user's keys of one login type, newest first.
	ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]APIKey, error)
	// DeleteAPIKey removes the key; ErrNotFound if it does not exist.
	DeleteAPIKey(ctx context.Context, id string) error
	// UpdateAPIKeyUsage records a use and (for sessions) a new expiry.
	UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error
	// DeleteExpiredAPIKeys removes keys that expired before t.
	DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error)

	// DeploymentID returns the persisted deployment id, storing candidate
	// first if none exists yet (so the first caller's candidate wins forever).
	DeploymentID(ctx context.Context, candidate string) (string, error)
	// Counts returns the figures for deployment stats, at time now.
	Counts(ctx context.Context, now time.Time) (Counts, error)

	ExternalAuthStore
	ProjectStore
	UserLifecycleStore
	AuditStore
}
