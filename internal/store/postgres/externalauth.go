package postgres

import (
	"context"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpsertExternalAuthLink inserts the link or, if the user already has one to
// the provider, replaces everything but its created_at, in one statement.
// store.ErrNotFound if the user does not exist.
func (s *Store) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `INSERT INTO external_auth_links (`+sqlrow.LinkColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (user_id, provider_id) DO UPDATE SET
			access_token = excluded.access_token,
			access_token_key_id = excluded.access_token_key_id,
			refresh_token = excluded.refresh_token,
			refresh_token_key_id = excluded.refresh_token_key_id,
			expires_at = excluded.expires_at,
			extra_data = excluded.extra_data,
			failure_reason = excluded.failure_reason,
			updated_at = excluded.updated_at`,
		l.UserID, l.ProviderID, l.AccessToken, l.AccessTokenKeyID,
		l.RefreshToken, l.RefreshTokenKeyID, sqlrow.OptionalMillis(l.ExpiresAt), l.ExtraData,
		l.FailureReason, sqlrow.Millis(l.CreatedAt), sqlrow.Millis(l.UpdatedAt))
	return s.err(ctx, "postgres: upsert external auth link", err)
}

// GetExternalAuthLink returns the user's link to the provider, or
// store.ErrNotFound.
func (s *Store) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	l, err := sqlrow.ScanLink(s.pool.QueryRow(ctx, `SELECT `+sqlrow.LinkColumns+` FROM external_auth_links
		WHERE user_id = $1 AND provider_id = $2`, userID, providerID))
	if err != nil {
		return store.ExternalAuthLink{}, s.err(ctx, "postgres: get external auth link", err)
	}
	return l, nil
}

// ListExternalAuthLinks returns the user's links ordered by provider id; an
// empty result is an empty, non-nil slice.
func (s *Store) ListExternalAuthLinks(ctx context.Context, userID uuid.UUID) ([]store.ExternalAuthLink, error) {
	return s.listLinks(ctx, "postgres: list external auth links",
		`WHERE user_id = $1 ORDER BY provider_id`, userID)
}

// AllExternalAuthLinks returns every link, ordered by user id (a uuid
// orders as its canonical text does), then provider id.
func (s *Store) AllExternalAuthLinks(ctx context.Context) ([]store.ExternalAuthLink, error) {
	return s.listLinks(ctx, "postgres: all external auth links", `ORDER BY user_id, provider_id`)
}

// listLinks returns the links selected by tail (a WHERE and ORDER BY clause
// from a fixed set, never caller input) with arguments args.
func (s *Store) listLinks(ctx context.Context, op, tail string, args ...any) ([]store.ExternalAuthLink, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT `+sqlrow.LinkColumns+` FROM external_auth_links `+tail, args...)
	links, err := collect(rows, err, sqlrow.ScanLink)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return links, nil
}

// DeleteExternalAuthLink removes the link; store.ErrNotFound if absent.
func (s *Store) DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx,
		`DELETE FROM external_auth_links WHERE user_id = $1 AND provider_id = $2`, userID, providerID)
	return s.affectedOne(ctx, "postgres: delete external auth link", tag, err)
}

// UpdateExternalAuthLinkTokens writes l's tokens, key ids, expiry, extra
// data, failure reason and updated_at only if the stored refresh token still
// equals oldRefreshToken: the compare and the swap are one UPDATE.
// store.ErrConflict when the link holds another refresh token,
// store.ErrNotFound when there is no link.
func (s *Store) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "postgres: update external auth link tokens",
		`UPDATE external_auth_links SET
			access_token = $1, access_token_key_id = $2,
			refresh_token = $3, refresh_token_key_id = $4,
			expires_at = $5, extra_data = $6, failure_reason = $7, updated_at = $8
		WHERE user_id = $9 AND provider_id = $10 AND refresh_token = $11`,
		[]any{l.AccessToken, l.AccessTokenKeyID, l.RefreshToken, l.RefreshTokenKeyID,
			sqlrow.OptionalMillis(l.ExpiresAt), l.ExtraData, l.FailureReason, sqlrow.Millis(l.UpdatedAt),
			l.UserID, l.ProviderID, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM external_auth_links WHERE user_id = $1 AND provider_id = $2)`,
		l.UserID, l.ProviderID)
}
