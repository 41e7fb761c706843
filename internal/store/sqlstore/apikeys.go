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
	return store.APIKey{ID: k.ID, HashedSecret: k.HashedSecret, UserID: k.UserID, LoginType: k.LoginType,
		Scope: k.Scope, TokenName: k.TokenName, LifetimeSeconds: k.LifetimeSeconds, ExpiresAt: fromMillis(k.ExpiresAt),
		CreatedAt: fromMillis(k.CreatedAt), UpdatedAt: fromMillis(k.UpdatedAt), LastUsed: fromMillis(k.LastUsed)}
}

// InsertAPIKey inserts k: store.ErrConflict on a duplicate id or, for tokens,
// a token name the same user already uses; store.ErrNotFound if the user
// does not exist.
func (s *Store) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	secret := k.HashedSecret
	if secret == nil {
		secret = []byte{} // the column is NOT NULL; an empty hash is still a value
	}
	row := sqlq.InsertAPIKeyParams{ID: k.ID, HashedSecret: secret, UserID: k.UserID, LoginType: k.LoginType,
		Scope: k.Scope, TokenName: k.TokenName, LifetimeSeconds: k.LifetimeSeconds, ExpiresAt: millis(k.ExpiresAt),
		CreatedAt: millis(k.CreatedAt), UpdatedAt: millis(k.UpdatedAt), LastUsed: millis(k.LastUsed)}
	return s.exec(ctx, "insert api key", func(ctx context.Context) error { return s.w.InsertAPIKey(ctx, row) })
}

// GetAPIKeyByID returns the key with the given id, or store.ErrNotFound.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	return read(s, ctx, "get api key", func(ctx context.Context) (sqlq.ApiKey, error) { return s.r.GetAPIKeyByID(ctx, id) }, toAPIKey)
}

// ListAPIKeys returns the user's keys of one login type, newest first (ties
// broken by id, descending).
func (s *Store) ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]store.APIKey, error) {
	return readAll(s, ctx, "list api keys", func(ctx context.Context) ([]sqlq.ApiKey, error) {
		return s.r.ListAPIKeys(ctx, sqlq.ListAPIKeysParams{UserID: userID, LoginType: loginType})
	}, toAPIKey)
}

// DeleteAPIKey removes the key; store.ErrNotFound if it does not exist.
func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	return execOne(s, ctx, "delete api key", s.w.DeleteAPIKey, id)
}

// UpdateAPIKeyUsage sets the key's last_used and expires_at; a zero
// expiresAt leaves the expiry unchanged (so a caller that only records a use
// cannot expire the key by accident). updated_at is not touched: it tracks
// changes to the key, not its use. store.ErrNotFound if the key does not
// exist.
func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	arg := sqlq.UpdateAPIKeyUsageParams{LastUsed: millis(lastUsed), ID: id,
		ExpiresAt: sql.NullInt64{Int64: millis(expiresAt), Valid: !expiresAt.IsZero()}}
	return execOne(s, ctx, "update api key usage", s.w.UpdateAPIKeyUsage, arg)
}

// DeleteExpiredAPIKeys removes the keys whose expiry is strictly before
// before, and returns how many it removed.
func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	return s.execCount(ctx, "delete expired api keys", func(ctx context.Context) (int64, error) {
		return s.w.DeleteExpiredAPIKeys(ctx, millis(before))
	})
}
