package storetest

import (
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// base is the reference time of the fixtures. It carries sub-millisecond
// digits and a non-UTC zone on purpose: stores must truncate to the
// millisecond and return UTC.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535_897_932, time.FixedZone("UTC+2", 2*3600))

// at returns base shifted by d.
func at(d time.Duration) time.Time { return base.Add(d) }

// norm is what a store must return for t: truncated to the millisecond, UTC.
func norm(t time.Time) time.Time { return t.Truncate(time.Millisecond).UTC() }

// normUser and normKey are what a store must return for a stored value.
func normUser(u store.User) store.User {
	u.CreatedAt, u.UpdatedAt, u.LastSeenAt = norm(u.CreatedAt), norm(u.UpdatedAt), norm(u.LastSeenAt)
	u.Roles = store.NormalizeRoles(u.Roles)
	return u
}

func normKey(k store.APIKey) store.APIKey {
	k.ExpiresAt, k.CreatedAt = norm(k.ExpiresAt), norm(k.CreatedAt)
	k.UpdatedAt, k.LastUsed = norm(k.UpdatedAt), norm(k.LastUsed)
	return k
}

// newUser returns a valid user whose names derive from name, with every
// field set.
func newUser(name string) store.User {
	return store.User{
		ID:             uuid.New(),
		Email:          name + "@example.com",
		Username:       name,
		Name:           "Name of " + name,
		HashedPassword: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
		Status:         "active",
		LoginType:      store.LoginTypePassword,
		AvatarURL:      "https://example.com/" + name + ".png",
		CreatedAt:      at(0),
		UpdatedAt:      at(time.Second),
		LastSeenAt:     at(2 * time.Second),
	}
}

// newKey returns a valid key of user with every field set. id must be unique
// within a test; tokens get a token name derived from it.
func newKey(user uuid.UUID, id, loginType string) store.APIKey {
	sum := sha256.Sum256([]byte("secret of " + id))
	k := store.APIKey{
		ID:              id,
		HashedSecret:    sum[:],
		UserID:          user,
		LoginType:       loginType,
		Scope:           "all",
		LifetimeSeconds: 86400,
		ExpiresAt:       at(24 * time.Hour),
		CreatedAt:       at(0),
		UpdatedAt:       at(time.Millisecond),
		LastUsed:        at(500 * time.Microsecond),
	}
	if loginType == store.LoginTypeToken {
		k.TokenName = "token-" + id
	}
	return k
}

// keyID returns a 10-character key id, like the real ones, for n.
func keyID(n int) string { return fmt.Sprintf("k%09d", n) }
