package sqlite

import (
	"context"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpsertExternalAuthLink inserts the link or, if the user already has one to
// the provider, replaces everything but its created_at. store.ErrNotFound if
// the user does not exist.
func (s *Store) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO external_auth_links (`+sqlrow.LinkColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, provider_id) DO UPDATE SET
			access_token = excluded.access_token,
			access_token_key_id = excluded.access_token_key_id,
			refresh_token = excluded.refresh_token,
			refresh_token_key_id = excluded.refresh_token_key_id,
			expires_at = excluded.expires_at,
			extra_data = excluded.extra_data,
			failure_reason = excluded.failure_reason,
			updated_at = excluded.updated_at`,
		l.UserID.String(), l.ProviderID, l.AccessToken, l.AccessTokenKeyID,
		l.RefreshToken, l.RefreshTokenKeyID, sqlrow.OptionalMillis(l.ExpiresAt), l.ExtraData,
		l.FailureReason, sqlrow.Millis(l.CreatedAt), sqlrow.Millis(l.UpdatedAt))
	return s.err(ctx, "sqlite: upsert external auth link", err)
}

// GetExternalAuthLink returns the user's link to the provider, or
// store.ErrNotFound.
func (s *Store) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	row := s.reader.QueryRowContext(ctx, `SELECT `+sqlrow.LinkColumns+` FROM external_auth_links
		WHERE user_id = ? AND provider_id = ?`, userID.String(), providerID)
	l, err := sqlrow.ScanLink(row)
	if err != nil {
		return store.ExternalAuthLink{}, s.err(ctx, "sqlite: get external auth link", err)
	}
	return l, nil
}

// ListExternalAuthLinks returns the user's links ordered by provider id; an
// empty result is an empty, non-nil slice.
func (s *Store) ListExternalAuthLinks(ctx context.Context, userID uuid.UUID) ([]store.ExternalAuthLink, error) {
	return s.listLinks(ctx, "sqlite: list external auth links",
		`WHERE user_id = ? ORDER BY provider_id`, userID.String())
}

// AllExternalAuthLinks returns every link, ordered by user id, then provider
// id.
func (s *Store) AllExternalAuthLinks(ctx context.Context) ([]store.ExternalAuthLink, error) {
	return s.listLinks(ctx, "sqlite: all external auth links", `ORDER BY user_id, provider_id`)
}

// listLinks returns the links selected by tail (a WHERE and ORDER BY clause
// from a fixed set, never caller input) with arguments args.
func (s *Store) listLinks(ctx context.Context, op, tail string, args ...any) ([]store.ExternalAuthLink, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+sqlrow.LinkColumns+` FROM external_auth_links `+tail, args...)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	links, err := collect(rows, sqlrow.ScanLink)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return links, nil
}

// DeleteExternalAuthLink removes the link; store.ErrNotFound if absent.
func (s *Store) DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error {
	res, err := s.writer.ExecContext(ctx,
		`DELETE FROM external_auth_links WHERE user_id = ? AND provider_id = ?`,
		userID.String(), providerID)
	return s.affectedOne(ctx, "sqlite: delete external auth link", res, err)
}

// UpdateExternalAuthLinkTokens writes l's tokens, key ids, expiry, extra
// data, failure reason and updated_at only if the stored refresh token still
// equals oldRefreshToken: the compare and the swap are one UPDATE.
// store.ErrConflict when the link holds another refresh token,
// store.ErrNotFound when there is no link.
func (s *Store) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "sqlite: update external auth link tokens",
		`UPDATE external_auth_links SET
			access_token = ?, access_token_key_id = ?,
			refresh_token = ?, refresh_token_key_id = ?,
			expires_at = ?, extra_data = ?, failure_reason = ?, updated_at = ?
		WHERE user_id = ? AND provider_id = ? AND refresh_token = ?`,
		[]any{l.AccessToken, l.AccessTokenKeyID, l.RefreshToken, l.RefreshTokenKeyID,
			sqlrow.OptionalMillis(l.ExpiresAt), l.ExtraData, l.FailureReason, sqlrow.Millis(l.UpdatedAt),
			l.UserID.String(), l.ProviderID, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM external_auth_links WHERE user_id = ? AND provider_id = ?)`,
		l.UserID.String(), l.ProviderID)
}
