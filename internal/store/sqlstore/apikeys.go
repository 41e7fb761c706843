package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toAPIKey(k sqlq.ApiKey) store.APIKey {
	return store.APIKey{
		ID: k.ID, HashedSecret: k.HashedSecret, UserID: k.UserID, LoginType: k.LoginType, Scope: k.Scope,
		TokenName: k.TokenName, LifetimeSeconds: k.LifetimeSeconds, ExpiresAt: fromMillis(k.ExpiresAt),
		CreatedAt: fromMillis(k.CreatedAt), UpdatedAt: fromMillis(k.UpdatedAt), LastUsed: fromMillis(k.LastUsed),
	}
}

// InsertAPIKey inserts k: store.ErrConflict on a duplicate id or, for tokens,
// a token name the same user already uses; store.ErrNotFound if the user
// does not exist.
func (s *Store) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	secret := k.HashedSecret
	if secret == nil {
		secret = []byte{} // the column is NOT NULL; an empty hash is still a value
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	return s.err(ctx, "insert api key", s.w.InsertAPIKey(ctx, sqlq.InsertAPIKeyParams{
		ID: k.ID, HashedSecret: secret, UserID: k.UserID, LoginType: k.LoginType, Scope: k.Scope,
		TokenName: k.TokenName, LifetimeSeconds: k.LifetimeSeconds, ExpiresAt: millis(k.ExpiresAt),
		CreatedAt: millis(k.CreatedAt), UpdatedAt: millis(k.UpdatedAt), LastUsed: millis(k.LastUsed),
	}))
}

// GetAPIKeyByID returns the key with the given id, or store.ErrNotFound.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	k, err := s.r.GetAPIKeyByID(ctx, id)
	return one(s, ctx, "get api key", k, err, toAPIKey)
}

// ListAPIKeys returns the user's keys of one login type, newest first (ties
// broken by id, descending).
func (s *Store) ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]store.APIKey, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	ks, err := s.r.ListAPIKeys(ctx, sqlq.ListAPIKeysParams{UserID: userID, LoginType: loginType})
	return many(s, ctx, "list api keys", ks, err, toAPIKey)
}

// DeleteAPIKey removes the key; store.ErrNotFound if it does not exist.
func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := s.w.DeleteAPIKey(ctx, id)
	return s.exactlyOne(ctx, "delete api key", n, err)
}

// UpdateAPIKeyUsage sets the key's last_used and expires_at; a zero
// expiresAt leaves the expiry unchanged (so a caller that only records a use
// cannot expire the key by accident). updated_at is not touched: it tracks
// changes to the key, not its use. store.ErrNotFound if the key does not
// exist.
func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	expires := sql.NullInt64{Int64: millis(expiresAt), Valid: !expiresAt.IsZero()}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := s.w.UpdateAPIKeyUsage(ctx, sqlq.UpdateAPIKeyUsageParams{LastUsed: millis(lastUsed), ExpiresAt: expires, ID: id})
	return s.exactlyOne(ctx, "update api key usage", n, err)
}

// DeleteExpiredAPIKeys removes the keys whose expiry is strictly before
// before, and returns how many it removed.
func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := s.w.DeleteExpiredAPIKeys(ctx, millis(before))
	return n, s.err(ctx, "delete expired api keys", err)
}
