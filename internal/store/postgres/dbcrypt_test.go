package postgres

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// ciphers returns n new keys, parsed.
func ciphers(t *testing.T, n int) []dbcrypt.Cipher {
	t.Helper()
	var raw []string
	for range n {
		k, err := dbcrypt.GenerateKey()
		require.NoError(t, err)
		raw = append(raw, k)
	}
	cs, err := dbcrypt.ParseKeys(raw)
	require.NoError(t, err)
	return cs
}

// TestConformanceEncrypted runs the suite through the encrypting decorator,
// as the server uses the engine.
func TestConformanceEncrypted(t *testing.T) {
	pgtest.BaseURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := dbcrypt.New(openStore(t, pgtest.URL(t)), ciphers(t, 1))
		require.NoError(t, err)
		return s
	}, storetest.ManagedKeyIDs())
}

// TestRotate re-encrypts PostgreSQL-stored secrets under a new key through
// the engine's Rekeyer swaps; afterwards the old key can be dropped.
func TestRotate(t *testing.T) {
	ctx := t.Context()
	inner := openStore(t, pgtest.URL(t))
	oldKeys, newKeys := ciphers(t, 1), ciphers(t, 1)
	old, err := dbcrypt.New(inner, oldKeys)
	require.NoError(t, err)
	u := sampleUser("rotate")
	require.NoError(t, inner.InsertUser(ctx, u))
	now := time.Now()
	l := store.ExternalAuthLink{UserID: u.ID, ProviderID: "github", AccessToken: "gho_secret-access",
		RefreshToken: "ghr_secret-refresh", CreatedAt: now, UpdatedAt: now}
	require.NoError(t, old.UpsertExternalAuthLink(ctx, l))
	require.NoError(t, old.InsertOAuthState(ctx, store.OAuthState{StateHash: []byte("state"), UserID: u.ID,
		ProviderID: "github", Purpose: "external-auth", PKCEVerifier: "secret-verifier", ExpiresAt: now.Add(time.Hour)}))

	n, err := dbcrypt.Rotate(ctx, inner, append(newKeys, oldKeys...))
	require.NoError(t, err)
	require.GreaterOrEqual(t, n, 2)

	raw, err := inner.GetExternalAuthLink(ctx, u.ID, "github")
	require.NoError(t, err)
	require.Equal(t, newKeys[0].ID(), raw.AccessTokenKeyID)
	require.NotContains(t, raw.AccessToken, "secret")

	only, err := dbcrypt.New(inner, newKeys)
	require.NoError(t, err)
	got, err := only.GetExternalAuthLink(ctx, u.ID, "github")
	require.NoError(t, err)
	require.Equal(t, l.AccessToken, got.AccessToken)
	require.Equal(t, l.RefreshToken, got.RefreshToken)
	st, err := only.ConsumeOAuthState(ctx, []byte("state"), now)
	require.NoError(t, err)
	require.Equal(t, "secret-verifier", st.PKCEVerifier)
}
