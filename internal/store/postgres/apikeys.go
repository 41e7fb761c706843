package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// InsertAPIKey inserts k: store.ErrConflict on a duplicate id or, for tokens,
// a token name the same user already uses; store.ErrNotFound if the user
// does not exist.
func (s *Store) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	secret := k.HashedSecret
	if secret == nil {
		secret = []byte{} // the column is NOT NULL; an empty hash is still a value
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO api_keys (`+sqlrow.APIKeyColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		k.ID, secret, k.UserID, k.LoginType, k.Scope, k.TokenName,
		k.LifetimeSeconds, sqlrow.Millis(k.ExpiresAt), sqlrow.Millis(k.CreatedAt), sqlrow.Millis(k.UpdatedAt), sqlrow.Millis(k.LastUsed))
	return s.err(ctx, "postgres: insert api key", err)
}

// GetAPIKeyByID returns the key with the given id, or store.ErrNotFound.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	k, err := sqlrow.ScanAPIKey(s.pool.QueryRow(ctx, `SELECT `+sqlrow.APIKeyColumns+` FROM api_keys WHERE id = $1`, id))
	if err != nil {
		return store.APIKey{}, s.err(ctx, "postgres: get api key", err)
	}
	return k, nil
}

// ListAPIKeys returns the user's keys of one login type, newest first (ties
// broken by id, descending). An empty result is an empty, non-nil slice.
func (s *Store) ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]store.APIKey, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT `+sqlrow.APIKeyColumns+` FROM api_keys
		WHERE user_id = $1 AND login_type = $2
		ORDER BY created_at DESC, id DESC`, userID, loginType)
	keys, err := collect(rows, err, sqlrow.ScanAPIKey)
	if err != nil {
		return nil, s.err(ctx, "postgres: list api keys", err)
	}
	return keys, nil
}

// DeleteAPIKey removes the key; store.ErrNotFound if it does not exist.
func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM api_keys WHERE id = $1`, id)
	return s.affectedOne(ctx, "postgres: delete api key", tag, err)
}

// UpdateAPIKeyUsage sets the key's last_used and expires_at; a zero
// expiresAt leaves the expiry unchanged. updated_at is not touched: it
// tracks changes to the key, not its use. store.ErrNotFound if the key does
// not exist.
func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var expires *int64 // NULL keeps the current expiry
	if !expiresAt.IsZero() {
		ms := sqlrow.Millis(expiresAt)
		expires = &ms
	}
	tag, err := s.pool.Exec(ctx,
		`UPDATE api_keys SET last_used = $1, expires_at = coalesce($2::bigint, expires_at) WHERE id = $3`,
		sqlrow.Millis(lastUsed), expires, id)
	return s.affectedOne(ctx, "postgres: update api key usage", tag, err)
}

// DeleteExpiredAPIKeys removes the keys whose expiry is strictly before
// before, and returns how many it removed.
func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM api_keys WHERE expires_at < $1`, sqlrow.Millis(before))
	if err != nil {
		return 0, s.err(ctx, "postgres: delete expired api keys", err)
	}
	return tag.RowsAffected(), nil
}
