package sqlite

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
	secret := k.HashedSecret
	if secret == nil {
		secret = []byte{} // the column is NOT NULL; an empty hash is still a value
	}
	_, err := s.writer.ExecContext(ctx, `INSERT INTO api_keys (`+sqlrow.APIKeyColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.ID, secret, k.UserID.String(), k.LoginType, k.Scope, k.TokenName,
		k.LifetimeSeconds, sqlrow.Millis(k.ExpiresAt), sqlrow.Millis(k.CreatedAt), sqlrow.Millis(k.UpdatedAt), sqlrow.Millis(k.LastUsed))
	return s.err(ctx, "sqlite: insert api key", err)
}

// GetAPIKeyByID returns the key with the given id, or store.ErrNotFound.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	row := s.reader.QueryRowContext(ctx, `SELECT `+sqlrow.APIKeyColumns+` FROM api_keys WHERE id = ?`, id)
	k, err := sqlrow.ScanAPIKey(row)
	if err != nil {
		return store.APIKey{}, s.err(ctx, "sqlite: get api key", err)
	}
	return k, nil
}

// ListAPIKeys returns the user's keys of one login type, newest first (ties
// broken by id, descending). An empty result is an empty, non-nil slice.
func (s *Store) ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]store.APIKey, error) {
	const op = "sqlite: list api keys"
	rows, err := s.reader.QueryContext(ctx, `SELECT `+sqlrow.APIKeyColumns+` FROM api_keys
		WHERE user_id = ? AND login_type = ?
		ORDER BY created_at DESC, id DESC`, userID.String(), loginType)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	keys, err := collect(rows, sqlrow.ScanAPIKey)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return keys, nil
}

// DeleteAPIKey removes the key; store.ErrNotFound if it does not exist.
func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM api_keys WHERE id = ?`, id)
	return s.affectedOne(ctx, "sqlite: delete api key", res, err)
}

// UpdateAPIKeyUsage sets the key's last_used and expires_at; a zero
// expiresAt leaves the expiry unchanged (so a caller that only records a use
// cannot expire the key by accident). updated_at is not touched: it tracks
// changes to the key, not its use. store.ErrNotFound if the key does not
// exist.
func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	var expires any // NULL keeps the current expiry
	if !expiresAt.IsZero() {
		expires = sqlrow.Millis(expiresAt)
	}
	res, err := s.writer.ExecContext(ctx,
		`UPDATE api_keys SET last_used = ?, expires_at = coalesce(?, expires_at) WHERE id = ?`,
		sqlrow.Millis(lastUsed), expires, id)
	return s.affectedOne(ctx, "sqlite: update api key usage", res, err)
}

// DeleteExpiredAPIKeys removes the keys whose expiry is strictly before
// before, and returns how many it removed.
func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	const op = "sqlite: delete expired api keys"
	res, err := s.writer.ExecContext(ctx, `DELETE FROM api_keys WHERE expires_at < ?`, sqlrow.Millis(before))
	return s.affected(ctx, op, res, err)
}
