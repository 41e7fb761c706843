package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// API keys are "{id}-{secret}": a public id that names the stored row and a
// secret of which only the SHA-256 is stored. Both are random alphanumerics.
const (
	keyIDLen     = 10
	keySecretLen = 22
	keyLen       = keyIDLen + 1 + keySecretLen
	alphanumeric = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// randomIndexes returns count integers drawn uniformly from [0, n), n at
// most 256, using crypto/rand. Bytes at or above the largest multiple of n
// are rejected, so no value is more likely than another.
func randomIndexes(count, n int) ([]int, error) {
	limit := 256 - 256%n
	out := make([]int, 0, count)
	buf := make([]byte, count+count/4+8)
	for len(out) < count {
		if _, err := rand.Read(buf); err != nil {
			return nil, err
		}
		for _, b := range buf {
			if int(b) >= limit {
				continue
			}
			out = append(out, int(b)%n)
			if len(out) == count {
				break
			}
		}
	}
	return out, nil
}

// randomString returns n characters drawn uniformly from alphabet (at most
// 256 single-byte characters) using crypto/rand.
func randomString(n int, alphabet string) (string, error) {
	idx, err := randomIndexes(n, len(alphabet))
	if err != nil {
		return "", err
	}
	out := make([]byte, n)
	for i, j := range idx {
		out[i] = alphabet[j]
	}
	return string(out), nil
}

// newKey returns a fresh key id, secret and the SHA-256 of the secret.
func newKey() (id, secret string, hashed []byte, err error) {
	if id, err = randomString(keyIDLen, alphanumeric); err != nil {
		return "", "", nil, err
	}
	if secret, err = randomString(keySecretLen, alphanumeric); err != nil {
		return "", "", nil, err
	}
	return id, secret, hashSecret(secret), nil
}

// hashSecret is the stored form of a key secret.
func hashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// secretMatches compares the hash of secret with the stored hash in constant
// time.
func secretMatches(secret string, stored []byte) bool {
	return subtle.ConstantTimeCompare(hashSecret(secret), stored) == 1
}

// parseKey splits a raw "{id}-{secret}" key, checking lengths and charset.
func parseKey(raw string) (id, secret string, ok bool) {
	if len(raw) != keyLen || raw[keyIDLen] != '-' {
		return "", "", false
	}
	id, secret = raw[:keyIDLen], raw[keyIDLen+1:]
	if !isAlphanumeric(id) || !isAlphanumeric(secret) {
		return "", "", false
	}
	return id, secret, true
}

// validKeyID reports whether id has the shape of a key id.
func validKeyID(id string) bool { return len(id) == keyIDLen && isAlphanumeric(id) }

func isAlphanumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// insertKey gives k a fresh id and secret hash, stores it, and returns the full raw key
// and the stored row (whose HashedSecret is the hash, never the secret).
func (s *Service) insertKey(ctx context.Context, k store.APIKey) (string, store.APIKey, error) {
	id, secret, hashed, err := newKey()
	if err != nil {
		return "", store.APIKey{}, errs.Wrap(fmt.Errorf("generate key: %w", err), errs.MsgInternal)
	}
	k.ID = id
	k.HashedSecret = hashed
	if err := s.st.InsertAPIKey(ctx, k); err != nil {
		return "", store.APIKey{}, err // the caller maps conflicts
	}
	return id + "-" + secret, k, nil
}

// Authenticate checks a raw API key (session or token) and returns the actor
// it authenticates.
//
// Every rejection is KindUnauthorized with errs.MsgUnauthorized; a store
// outage is KindUnavailable, never a 401. A successful call reads the key row
// (never cached: a deleted key stops working at once) and the user row (from
// a short-lived in-process cache). At most about once a minute per key it
// records the use and, for session keys, pushes the expiry to
// now+SessionDuration (unless DisableExpiryRefresh); tokens never extend. The
// user's last_seen_at is likewise written at most about once a minute.
func (s *Service) Authenticate(ctx context.Context, rawKey string) (Actor, error) {
	if rawKey == "" {
		return Actor{}, errs.Unauthorized("no session token provided")
	}
	id, secret, ok := parseKey(rawKey)
	if !ok {
		return Actor{}, errs.Unauthorized("invalid API key format")
	}
	key, err := s.st.GetAPIKeyByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Actor{}, errs.Unauthorized("API key is invalid")
	}
	if err != nil {
		return Actor{}, storeErr(err, "get api key")
	}
	// Unknown id and wrong secret answer alike.
	if !secretMatches(secret, key.HashedSecret) {
		return Actor{}, errs.Unauthorized("API key is invalid")
	}
	now := s.now()
	if !now.Before(key.ExpiresAt) {
		return Actor{}, errs.Unauthorized(fmt.Sprintf("API key expired at %s", key.ExpiresAt.UTC().Format(time.RFC3339)))
	}

	user, err := s.userForKey(ctx, key)
	if err != nil {
		return Actor{}, err
	}
	if user.Status != statusActive {
		return Actor{}, errs.Unauthorized(fmt.Sprintf("user is not active (status = %q)", user.Status))
	}

	s.recordKeyUse(ctx, key, now)
	user = s.recordUserSeen(ctx, user, now)
	return Actor{User: user, KeyID: key.ID, LoginType: key.LoginType}, nil
}

// userForKey returns the key's user (the store's cache keeps it, see
// internal/store/cache).
func (s *Service) userForKey(ctx context.Context, key store.APIKey) (store.User, error) {
	u, err := s.st.GetUserByID(ctx, key.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, errs.Unauthorized("the user of this API key no longer exists")
	}
	if err != nil {
		return store.User{}, storeErr(err, "get user")
	}
	return u, nil
}

// recordKeyUse writes last_used (and a refreshed session expiry) when the
// stored values are more than usageWriteInterval stale. A failed write is
// logged and does not fail the request.
func (s *Service) recordKeyUse(ctx context.Context, key store.APIKey, now time.Time) {
	expires := key.ExpiresAt
	refresh := false
	if key.LoginType != store.LoginTypeToken && !s.cfg.DisableExpiryRefresh { // sessions, however signed in
		if next := now.Add(s.cfg.SessionDuration); next.Sub(key.ExpiresAt) >= usageWriteInterval {
			expires, refresh = next, true
		}
	}
	if !refresh && now.Sub(key.LastUsed) < usageWriteInterval {
		return
	}
	if err := s.st.UpdateAPIKeyUsage(ctx, key.ID, now, expires); err != nil && !errors.Is(err, store.ErrNotFound) {
		s.log.WarnContext(ctx, "record api key use", "key_id", key.ID, "error", err)
	}
}

// recordUserSeen writes last_seen_at when it is more than usageWriteInterval
// stale and returns the user as now stored.
func (s *Service) recordUserSeen(ctx context.Context, u store.User, now time.Time) store.User {
	if now.Sub(u.LastSeenAt) < usageWriteInterval {
		return u
	}
	if err := s.st.UpdateUserLastSeen(ctx, u.ID, now); err != nil {
		s.log.WarnContext(ctx, "record user last seen", "user_id", u.ID, "error", err)
		return u
	}
	u.LastSeenAt, u.UpdatedAt = now, now
	return u
}
