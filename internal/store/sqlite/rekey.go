package sqlite

import (
	"context"

	"github.com/gitauthd/gitauthd/internal/store"
)

var _ store.Rekeyer = (*Store)(nil)

// RekeyExternalAuthLink replaces the link's tokens, their key ids and its
// extra data if the stored values still equal oldAccessToken,
// oldRefreshToken and oldExtraData: store.ErrConflict when any has changed,
// store.ErrNotFound when there is no link. Nothing else (updated_at
// included) is touched.
func (s *Store) RekeyExternalAuthLink(ctx context.Context, l store.ExternalAuthLink, oldAccessToken, oldRefreshToken, oldExtraData string) error {
	return s.compareAndSwap(ctx, "sqlite: rekey external auth link",
		`UPDATE external_auth_links SET
			access_token = ?, access_token_key_id = ?,
			refresh_token = ?, refresh_token_key_id = ?, extra_data = ?
		WHERE user_id = ? AND provider_id = ? AND access_token = ? AND refresh_token = ? AND extra_data = ?`,
		[]any{l.AccessToken, l.AccessTokenKeyID, l.RefreshToken, l.RefreshTokenKeyID, l.ExtraData,
			l.UserID.String(), l.ProviderID, oldAccessToken, oldRefreshToken, oldExtraData},
		`SELECT EXISTS (SELECT 1 FROM external_auth_links WHERE user_id = ? AND provider_id = ?)`,
		l.UserID.String(), l.ProviderID)
}

// RekeyOAuthState replaces the state's PKCE verifier and key id if the
// stored verifier still equals oldVerifier: store.ErrConflict when it does
// not, store.ErrNotFound when the state is gone.
func (s *Store) RekeyOAuthState(ctx context.Context, stateHash []byte, verifier, verifierKeyID, oldVerifier string) error {
	return s.compareAndSwap(ctx, "sqlite: rekey oauth state",
		`UPDATE oauth_states SET pkce_verifier = ?, pkce_verifier_key_id = ?
		WHERE state_hash = ? AND pkce_verifier = ?`,
		[]any{verifier, verifierKeyID, stateHash, oldVerifier},
		`SELECT EXISTS (SELECT 1 FROM oauth_states WHERE state_hash = ?)`, stateHash)
}
