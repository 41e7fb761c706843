package dbcrypt_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

func TestRotate(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), sqlite.DefaultFileName)
	inner := openFile(t, path)
	a, b := keys(t, 0), keys(t, 1)
	u := addUser(t, inner)

	// Values under the old key, plaintext from before encryption, and an
	// expired state.
	old := decorate(t, inner, a)
	links := []store.ExternalAuthLink{
		link(u, "github", secret("access"), secret("refresh")),
		link(u, "gitea", secret("access"), ""),
	}
	for _, l := range links {
		require.NoError(t, old.UpsertExternalAuthLink(ctx, l))
	}
	legacy := link(u, "gitlab", "plain-access", "plain-refresh")
	require.NoError(t, inner.UpsertExternalAuthLink(ctx, legacy))
	links = append(links, legacy)

	states := []store.OAuthState{state(u, "s1", secret("verifier")), state(u, "s2", "")}
	for _, st := range states {
		require.NoError(t, old.InsertOAuthState(ctx, st))
	}
	legacyState := state(u, "s3", "plain-verifier")
	require.NoError(t, inner.InsertOAuthState(ctx, legacyState))
	states = append(states, legacyState)
	expired := state(u, "expired", secret("verifier"))
	expired.ExpiresAt = time.Now().Add(-time.Minute)
	require.NoError(t, old.InsertOAuthState(ctx, expired))

	n, err := dbcrypt.Rotate(ctx, inner, append(b, a...))
	require.NoError(t, err)
	require.Equal(t, 3+2, n, "three links and two states with a verifier")

	rawLinks, err := inner.AllExternalAuthLinks(ctx)
	require.NoError(t, err)
	for _, l := range rawLinks {
		require.Equal(t, b[0].ID(), l.AccessTokenKeyID, l.ProviderID)
		require.Equal(t, l.RefreshToken != "", l.RefreshTokenKeyID == b[0].ID(), l.ProviderID)
		plain, err := b[0].Decrypt(l.ExtraData)
		require.NoError(t, err, "%s: extra data under the first key", l.ProviderID)
		require.JSONEq(t, `{"scope":"repo"}`, plain, l.ProviderID)
	}
	rawStates, err := inner.ListOAuthStates(ctx)
	require.NoError(t, err)
	require.Len(t, rawStates, len(states), "the expired state is gone")
	for _, st := range rawStates {
		require.Equal(t, st.PKCEVerifier != "", st.PKCEVerifierKeyID == b[0].ID())
	}

	again, err := dbcrypt.Rotate(ctx, inner, append(b, a...))
	require.NoError(t, err)
	require.Zero(t, again, "nothing left to rotate")

	// After a restart with the old key retired, everything still reads.
	require.NoError(t, inner.Close())
	s := decorate(t, openFile(t, path), b)
	for _, l := range links {
		got, err := s.GetExternalAuthLink(ctx, u, l.ProviderID)
		require.NoError(t, err, l.ProviderID)
		require.Equal(t, l.AccessToken, got.AccessToken, l.ProviderID)
		require.Equal(t, l.RefreshToken, got.RefreshToken, l.ProviderID)
		require.Equal(t, l.ExtraData, got.ExtraData, l.ProviderID)
		require.Equal(t, l.ExpiresAt, got.ExpiresAt, "rotation changes only the tokens")
		require.Equal(t, l.UpdatedAt, got.UpdatedAt, "rotation changes only the tokens")
	}
	for _, st := range states {
		got, err := s.ConsumeOAuthState(ctx, st.StateHash, time.Now())
		require.NoError(t, err)
		require.Equal(t, st.PKCEVerifier, got.PKCEVerifier)
	}
}

func TestRotateErrors(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	_, err := dbcrypt.Rotate(ctx, inner, nil)
	require.Error(t, err, "no keys")
	_, err = dbcrypt.Rotate(ctx, decorate(t, inner, keys(t, 0)), keys(t, 0))
	require.Error(t, err, "the decorated store")

	u := addUser(t, inner)
	require.NoError(t, decorate(t, inner, keys(t, 0)).UpsertExternalAuthLink(ctx, link(u, "github", "a", "r")))
	_, err = dbcrypt.Rotate(ctx, inner, keys(t, 1))
	var uk *dbcrypt.UnknownKeyError
	require.ErrorAs(t, err, &uk, "a value under a key not given")
	require.Equal(t, keys(t, 0)[0].ID(), uk.KeyID)
}

// racingRekeyer runs hook once, just before rotation swaps a link: a
// refresh that lands between rotation's read and its swap.
type racingRekeyer struct {
	*sqlite.Store
	once sync.Once
	hook func()
}

func (r *racingRekeyer) RekeyExternalAuthLink(ctx context.Context, l store.ExternalAuthLink, oldAccess, oldRefresh, oldExtra string) error {
	r.once.Do(r.hook)
	return r.Store.RekeyExternalAuthLink(ctx, l, oldAccess, oldRefresh, oldExtra)
}

// TestRotateKeepsConcurrentRefresh checks that rotation never writes back
// tokens a concurrent refresh has replaced.
func TestRotateKeepsConcurrentRefresh(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	a, ba := keys(t, 0), keys(t, 1, 0)
	u := addUser(t, inner)
	for _, refresh := range []string{"refresh-0", ""} { // with and without a refresh token
		provider := "p" + refresh
		require.NoError(t, decorate(t, inner, a).UpsertExternalAuthLink(ctx,
			link(u, provider, "access-0", refresh)))

		racer := &racingRekeyer{Store: inner, hook: func() {
			s := decorate(t, inner, ba)
			if refresh == "" { // nothing to refresh with: the user links again
				require.NoError(t, s.UpsertExternalAuthLink(ctx, link(u, provider, "access-1", "")))
				return
			}
			require.NoError(t, s.UpdateExternalAuthLinkTokens(ctx, link(u, provider, "access-1", "refresh-1"), refresh))
		}}
		_, err := dbcrypt.Rotate(ctx, racer, ba)
		require.NoError(t, err)

		got, err := decorate(t, inner, ba).GetExternalAuthLink(ctx, u, provider)
		require.NoError(t, err)
		require.Equal(t, "access-1", got.AccessToken, "the concurrent change is kept")
		require.Equal(t, ba[0].ID(), got.AccessTokenKeyID)
	}
}
