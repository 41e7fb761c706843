package postgres

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
	return s.compareAndSwap(ctx, "postgres: rekey external auth link",
		`UPDATE external_auth_links SET
			access_token = $1, access_token_key_id = $2,
			refresh_token = $3, refresh_token_key_id = $4, extra_data = $5
		WHERE user_id = $6 AND provider_id = $7 AND access_token = $8 AND refresh_token = $9 AND extra_data = $10`,
		[]any{l.AccessToken, l.AccessTokenKeyID, l.RefreshToken, l.RefreshTokenKeyID, l.ExtraData,
			l.UserID, l.ProviderID, oldAccessToken, oldRefreshToken, oldExtraData},
		`SELECT EXISTS (SELECT 1 FROM external_auth_links WHERE user_id = $1 AND provider_id = $2)`,
		l.UserID, l.ProviderID)
}

// RekeyOAuthState replaces the state's PKCE verifier and key id if the
// stored verifier still equals oldVerifier: store.ErrConflict when it does
// not, store.ErrNotFound when the state is gone.
func (s *Store) RekeyOAuthState(ctx context.Context, stateHash []byte, verifier, verifierKeyID, oldVerifier string) error {
	if stateHash == nil {
		stateHash = []byte{}
	}
	return s.compareAndSwap(ctx, "postgres: rekey oauth state",
		`UPDATE oauth_states SET pkce_verifier = $1, pkce_verifier_key_id = $2
		WHERE state_hash = $3 AND pkce_verifier = $4`,
		[]any{verifier, verifierKeyID, stateHash, oldVerifier},
		`SELECT EXISTS (SELECT 1 FROM oauth_states WHERE state_hash = $1)`, stateHash)
}
