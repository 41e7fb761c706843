package sqlstore

import (
	"context"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toLink(l sqlq.ExternalAuthLink) store.ExternalAuthLink {
	return store.ExternalAuthLink{UserID: l.UserID, ProviderID: l.ProviderID,
		AccessToken: l.AccessToken, AccessTokenKeyID: l.AccessTokenKeyID, RefreshToken: l.RefreshToken,
		RefreshTokenKeyID: l.RefreshTokenKeyID, ExpiresAt: fromOptionalMillis(l.ExpiresAt), ExtraData: l.ExtraData,
		FailureReason: l.FailureReason, CreatedAt: fromMillis(l.CreatedAt), UpdatedAt: fromMillis(l.UpdatedAt)}
}

// UpsertExternalAuthLink inserts the link or, if the user already has one to
// the provider, replaces everything but its created_at. store.ErrNotFound if
// the user does not exist.
func (s *Store) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	row := sqlq.UpsertExternalAuthLinkParams{UserID: l.UserID, ProviderID: l.ProviderID,
		AccessToken: l.AccessToken, AccessTokenKeyID: l.AccessTokenKeyID, RefreshToken: l.RefreshToken,
		RefreshTokenKeyID: l.RefreshTokenKeyID, ExpiresAt: optionalMillis(l.ExpiresAt), ExtraData: l.ExtraData,
		FailureReason: l.FailureReason, CreatedAt: millis(l.CreatedAt), UpdatedAt: millis(l.UpdatedAt)}
	return s.exec(ctx, "upsert external auth link", func(ctx context.Context) error { return s.w.UpsertExternalAuthLink(ctx, row) })
}

// GetExternalAuthLink returns the user's link to the provider, or
// store.ErrNotFound.
func (s *Store) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	key := sqlq.GetExternalAuthLinkParams{UserID: userID, ProviderID: providerID}
	return read(s, ctx, "get external auth link", func(ctx context.Context) (sqlq.ExternalAuthLink, error) {
		return s.r.GetExternalAuthLink(ctx, key)
	}, toLink)
}

// ListExternalAuthLinks returns the user's links ordered by provider id.
func (s *Store) ListExternalAuthLinks(ctx context.Context, userID uuid.UUID) ([]store.ExternalAuthLink, error) {
	return readAll(s, ctx, "list external auth links", func(ctx context.Context) ([]sqlq.ExternalAuthLink, error) {
		return s.r.ListExternalAuthLinks(ctx, userID)
	}, toLink)
}

// AllExternalAuthLinks returns every link, ordered by user id, then provider
// id.
func (s *Store) AllExternalAuthLinks(ctx context.Context) ([]store.ExternalAuthLink, error) {
	return readAll(s, ctx, "all external auth links", s.r.AllExternalAuthLinks, toLink)
}

// DeleteExternalAuthLink removes the link; store.ErrNotFound if absent.
func (s *Store) DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error {
	key := sqlq.DeleteExternalAuthLinkParams{UserID: userID, ProviderID: providerID}
	return execOne(s, ctx, "delete external auth link", s.w.DeleteExternalAuthLink, key)
}

// linkKey is the key a compare-and-swap looks the link up by.
func linkKey(l store.ExternalAuthLink) sqlq.ExternalAuthLinkExistsParams {
	return sqlq.ExternalAuthLinkExistsParams{UserID: l.UserID, ProviderID: l.ProviderID}
}

// UpdateExternalAuthLinkTokens writes l's tokens, key ids, expiry, extra
// data, failure reason and updated_at only if the stored refresh token still
// equals oldRefreshToken. store.ErrConflict when the link holds another
// refresh token, store.ErrNotFound when there is no link.
func (s *Store) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	arg := sqlq.UpdateExternalAuthLinkTokensParams{AccessToken: l.AccessToken, AccessTokenKeyID: l.AccessTokenKeyID,
		RefreshToken: l.RefreshToken, RefreshTokenKeyID: l.RefreshTokenKeyID, ExpiresAt: optionalMillis(l.ExpiresAt),
		ExtraData: l.ExtraData, FailureReason: l.FailureReason, UpdatedAt: millis(l.UpdatedAt),
		UserID: l.UserID, ProviderID: l.ProviderID, OldRefreshToken: oldRefreshToken}
	return compareAndSwap(s, ctx, "update external auth link tokens", (*sqlq.Queries).UpdateExternalAuthLinkTokens, arg,
		(*sqlq.Queries).ExternalAuthLinkExists, linkKey(l))
}

// RekeyExternalAuthLink replaces the link's tokens, their key ids and its
// extra data if the stored values still equal the old ones: store.ErrConflict
// when any has changed, store.ErrNotFound when there is no link. Nothing
// else (updated_at included) is touched.
func (s *Store) RekeyExternalAuthLink(ctx context.Context, l store.ExternalAuthLink, oldAccessToken, oldRefreshToken, oldExtraData string) error {
	arg := sqlq.RekeyExternalAuthLinkParams{AccessToken: l.AccessToken, AccessTokenKeyID: l.AccessTokenKeyID,
		RefreshToken: l.RefreshToken, RefreshTokenKeyID: l.RefreshTokenKeyID, ExtraData: l.ExtraData,
		UserID: l.UserID, ProviderID: l.ProviderID,
		OldAccessToken: oldAccessToken, OldRefreshToken: oldRefreshToken, OldExtraData: oldExtraData}
	return compareAndSwap(s, ctx, "rekey external auth link", (*sqlq.Queries).RekeyExternalAuthLink, arg,
		(*sqlq.Queries).ExternalAuthLinkExists, linkKey(l))
}
