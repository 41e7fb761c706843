package dbcrypt_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// openFile opens a SQLite file store at path, closed when the test ends.
func openFile(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), sqlite.Options{Path: path})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openTemp opens a SQLite file store in a new temporary directory.
func openTemp(t *testing.T) *sqlite.Store {
	return openFile(t, filepath.Join(t.TempDir(), sqlite.DefaultFileName))
}

// testKey returns a distinct, deterministic key for n.
func testKey(n int) []byte { return bytes.Repeat([]byte{byte(n + 1)}, dbcrypt.KeySize) }

// keys returns the ciphers of testKey(n) for each n, in order.
func keys(t *testing.T, ns ...int) []dbcrypt.Cipher {
	t.Helper()
	out := make([]dbcrypt.Cipher, 0, len(ns))
	for _, n := range ns {
		c, err := dbcrypt.NewCipher(testKey(n))
		require.NoError(t, err)
		out = append(out, c)
	}
	return out
}

// decorate wraps inner with ciphers.
func decorate(t *testing.T, inner store.Store, ciphers []dbcrypt.Cipher) store.Store {
	t.Helper()
	s, err := dbcrypt.New(inner, ciphers)
	require.NoError(t, err)
	return s
}

// addUser inserts a new user and returns its id.
func addUser(t *testing.T, s store.Store) uuid.UUID {
	t.Helper()
	id := uuid.New()
	name := "u" + id.String()[:8]
	require.NoError(t, s.InsertUser(t.Context(), store.User{ID: id, Email: name + "@example.com",
		Username: name, Status: "active", LoginType: store.LoginTypePassword}))
	return id
}

// link is a link of user to provider with the given tokens.
func link(user uuid.UUID, provider, access, refresh string) store.ExternalAuthLink {
	now := time.Now().UTC().Truncate(time.Millisecond)
	return store.ExternalAuthLink{UserID: user, ProviderID: provider, AccessToken: access,
		RefreshToken: refresh, ExpiresAt: now.Add(time.Hour), ExtraData: `{"scope":"repo"}`,
		CreatedAt: now, UpdatedAt: now}
}

// state is an OAuth state of user, unexpired for an hour, with verifier.
func state(user uuid.UUID, name, verifier string) store.OAuthState {
	sum := sha256.Sum256([]byte(name))
	now := time.Now().UTC().Truncate(time.Millisecond)
	return store.OAuthState{StateHash: sum[:], UserID: user, ProviderID: "github",
		Purpose: "external-auth", PKCEVerifier: verifier, ExpiresAt: now.Add(time.Hour), CreatedAt: now}
}

// secret returns a value that cannot occur in the database by chance.
func secret(what string) string { return what + "-" + uuid.NewString() }

func TestConformance(t *testing.T) {
	wrap := func(t *testing.T, inner store.Store) store.Store {
		return decorate(t, inner, keys(t, 1, 0))
	}
	t.Run("File", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store { return wrap(t, openTemp(t)) }, storetest.ManagedKeyIDs())
	})
	t.Run("Memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store {
			inner, err := sqlite.Open(t.Context(), sqlite.Options{InMemory: true})
			require.NoError(t, err)
			t.Cleanup(func() { _ = inner.Close() })
			return wrap(t, inner)
		}, storetest.ManagedKeyIDs())
	})
}

func TestNew(t *testing.T) {
	inner := openTemp(t)
	s, err := dbcrypt.New(inner, nil)
	require.NoError(t, err)
	require.Same(t, inner, s, "no keys: the store itself, unencrypted")

	_, err = dbcrypt.New(inner, keys(t, 0, 1, 0))
	require.ErrorContains(t, err, "same id")
	_, err = dbcrypt.New(inner, []dbcrypt.Cipher{{}})
	require.Error(t, err, "a zero Cipher is refused")

	s = decorate(t, inner, keys(t, 0))
	_, err = dbcrypt.New(s, keys(t, 1))
	require.Error(t, err, "no double encryption")
}

func TestRoundTrip(t *testing.T) {
	ctx, inner, k := t.Context(), openTemp(t), keys(t, 0)
	s := decorate(t, inner, k)
	u := addUser(t, s)

	l := link(u, "github", secret("access"), secret("refresh"))
	noRefresh := link(u, "gitea", secret("access"), "")
	require.NoError(t, s.UpsertExternalAuthLink(ctx, l))
	require.NoError(t, s.UpsertExternalAuthLink(ctx, noRefresh))

	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	want := l
	want.AccessTokenKeyID, want.RefreshTokenKeyID = k[0].ID(), k[0].ID()
	require.Equal(t, want, got, "plaintext above the decorator, key ids reported")

	raw, err := inner.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.NotEqual(t, l.AccessToken, raw.AccessToken)
	require.NotEqual(t, l.RefreshToken, raw.RefreshToken)
	require.Equal(t, k[0].ID(), raw.AccessTokenKeyID)
	plain, err := k[0].Decrypt(raw.RefreshToken)
	require.NoError(t, err)
	require.Equal(t, l.RefreshToken, plain)
	require.NotEqual(t, l.ExtraData, raw.ExtraData, "extra data is encrypted")
	plain, err = k[0].Decrypt(raw.ExtraData)
	require.NoError(t, err, "with the access token's key")
	require.Equal(t, l.ExtraData, plain)

	raw, err = inner.GetExternalAuthLink(ctx, u, "gitea")
	require.NoError(t, err)
	require.Empty(t, raw.RefreshToken, "an empty token stays empty")
	require.Empty(t, raw.RefreshTokenKeyID)

	list, err := s.ListExternalAuthLinks(ctx, u)
	require.NoError(t, err)
	all, err := s.AllExternalAuthLinks(ctx)
	require.NoError(t, err)
	for _, links := range [][]store.ExternalAuthLink{list, all} {
		require.Len(t, links, 2)
		require.Equal(t, noRefresh.AccessToken, links[0].AccessToken, "gitea")
		require.Equal(t, l.AccessToken, links[1].AccessToken, "github")
	}

	st := state(u, "s1", secret("verifier"))
	require.NoError(t, s.InsertOAuthState(ctx, st))
	rawStates, err := inner.ListOAuthStates(ctx)
	require.NoError(t, err)
	require.NotEqual(t, st.PKCEVerifier, rawStates[0].PKCEVerifier)
	require.Equal(t, k[0].ID(), rawStates[0].PKCEVerifierKeyID)
	consumed, err := s.ConsumeOAuthState(ctx, st.StateHash, time.Now())
	require.NoError(t, err)
	require.Equal(t, st.PKCEVerifier, consumed.PKCEVerifier)
}

// TestNoPlaintextOnDisk writes secrets through the decorator and looks for
// them in the bytes of the database files, while open (in the WAL) and after
// Close (checkpointed into the main file).
func TestNoPlaintextOnDisk(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), sqlite.DefaultFileName)
	inner := openFile(t, path)
	s := decorate(t, inner, keys(t, 0))
	u := addUser(t, s)

	const marker = "provider-marker-7f3a" // not secret: must be found
	var secrets []string
	for i := range 3 {
		l := link(u, fmt.Sprintf("%s-%d", marker, i), secret("access"), secret("refresh"))
		idToken := secret("id-token")
		l.ExtraData = `{"id_token":"` + idToken + `"}`
		require.NoError(t, s.UpsertExternalAuthLink(ctx, l))
		next := link(u, l.ProviderID, secret("access2"), secret("refresh2"))
		idToken2 := secret("id-token2")
		next.ExtraData = `{"id_token":"` + idToken2 + `"}`
		require.NoError(t, s.UpdateExternalAuthLinkTokens(ctx, next, l.RefreshToken))
		st := state(u, l.ProviderID, secret("verifier"))
		require.NoError(t, s.InsertOAuthState(ctx, st))
		secrets = append(secrets, l.AccessToken, l.RefreshToken, next.AccessToken, next.RefreshToken, st.PKCEVerifier,
			idToken, idToken2)
	}

	check := func(when string) {
		var disk []byte
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(path + suffix)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			require.NoError(t, err)
			disk = append(disk, b...)
		}
		require.True(t, bytes.Contains(disk, []byte(marker)), "%s: the scan sees the data", when)
		for _, sec := range secrets {
			require.False(t, bytes.Contains(disk, []byte(sec)), "%s: plaintext secret on disk", when)
		}
	}
	check("while open")
	require.NoError(t, inner.Close())
	check("after close")
}

func TestUnknownKeyID(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	old := keys(t, 0)
	u := addUser(t, inner)
	l := link(u, "github", secret("access"), secret("refresh"))
	st := state(u, "s", secret("verifier"))
	w := decorate(t, inner, old)
	require.NoError(t, w.UpsertExternalAuthLink(ctx, l))
	require.NoError(t, w.InsertOAuthState(ctx, st))

	s := decorate(t, inner, keys(t, 1)) // the old key is missing
	_, getErr := s.GetExternalAuthLink(ctx, u, "github")
	_, listErr := s.ListExternalAuthLinks(ctx, u)
	_, allErr := s.AllExternalAuthLinks(ctx)
	_, consumeErr := s.ConsumeOAuthState(ctx, st.StateHash, time.Now())
	casErr := s.UpdateExternalAuthLinkTokens(ctx, link(u, "github", "a", "r"), l.RefreshToken)
	for name, err := range map[string]error{"Get": getErr, "List": listErr, "All": allErr,
		"Consume": consumeErr, "UpdateTokens": casErr} {
		var uk *dbcrypt.UnknownKeyError
		require.ErrorAs(t, err, &uk, name)
		require.Equal(t, old[0].ID(), uk.KeyID, name)
		require.ErrorContains(t, err, old[0].ID(), name)
		for _, sentinel := range []error{store.ErrNotFound, store.ErrConflict, store.ErrUnavailable} {
			require.NotErrorIs(t, err, sentinel, "%s: an internal error, not %v", name, sentinel)
		}
		require.NotContains(t, err.Error(), l.AccessToken, name)
	}
}

func TestLegacyPlaintext(t *testing.T) {
	ctx, inner, k := t.Context(), openTemp(t), keys(t, 0)
	u := addUser(t, inner)
	l := link(u, "github", "legacy-access", "legacy-refresh")
	require.NoError(t, inner.UpsertExternalAuthLink(ctx, l)) // written before encryption
	require.NoError(t, inner.InsertOAuthState(ctx, state(u, "s", "legacy-verifier")))

	s := decorate(t, inner, k)
	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, l, got, "values without a key id are read as they are")
	consumed, err := s.ConsumeOAuthState(ctx, state(u, "s", "").StateHash, time.Now())
	require.NoError(t, err)
	require.Equal(t, "legacy-verifier", consumed.PKCEVerifier)

	next := link(u, "github", "new-access", "new-refresh")
	require.NoError(t, s.UpdateExternalAuthLinkTokens(ctx, next, "legacy-refresh"))
	raw, err := inner.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, k[0].ID(), raw.RefreshTokenKeyID, "rewritten values are encrypted")
}

// TestExtraData covers extra data that is not beside an encrypted access
// token: plaintext written before extra data was encrypted, and a link with
// no access token.
func TestExtraData(t *testing.T) {
	ctx, inner, k := t.Context(), openTemp(t), keys(t, 0)
	u := addUser(t, inner)
	s := decorate(t, inner, k)

	// Written before extra data was encrypted: encrypted tokens beside
	// plaintext extra data.
	legacy := link(u, "github", secret("access"), "")
	enc, err := k[0].Encrypt(legacy.AccessToken)
	require.NoError(t, err)
	stored := legacy
	stored.AccessToken, stored.AccessTokenKeyID = enc, k[0].ID()
	require.NoError(t, inner.UpsertExternalAuthLink(ctx, stored))
	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, legacy.AccessToken, got.AccessToken)
	require.Equal(t, legacy.ExtraData, got.ExtraData, "plaintext extra data is read as is")

	n, err := dbcrypt.Rotate(ctx, inner, k)
	require.NoError(t, err)
	require.Equal(t, 1, n, "rotation encrypts the plaintext extra data")
	raw, err := inner.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.NotEqual(t, enc, raw.AccessToken, "the whole link is re-encrypted")
	require.NotEqual(t, legacy.ExtraData, raw.ExtraData)
	got, err = s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, legacy.ExtraData, got.ExtraData)

	// No access token: the extra data's key is still named.
	noAccess := link(u, "gitea", "", "")
	require.NoError(t, s.UpsertExternalAuthLink(ctx, noAccess))
	raw, err = inner.GetExternalAuthLink(ctx, u, "gitea")
	require.NoError(t, err)
	require.Empty(t, raw.AccessToken)
	require.Equal(t, k[0].ID(), raw.AccessTokenKeyID)
	require.NotEqual(t, noAccess.ExtraData, raw.ExtraData)
	got, err = s.GetExternalAuthLink(ctx, u, "gitea")
	require.NoError(t, err)
	require.Empty(t, got.AccessToken)
	require.Equal(t, noAccess.ExtraData, got.ExtraData)
}

func TestSecondKeyStillDecrypts(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	a, b := keys(t, 0), keys(t, 1)
	u := addUser(t, inner)
	old := link(u, "github", secret("access"), secret("refresh"))
	require.NoError(t, decorate(t, inner, a).UpsertExternalAuthLink(ctx, old))

	s := decorate(t, inner, append(b, a...)) // a new first key; the old one decrypts
	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, old.AccessToken, got.AccessToken)
	require.Equal(t, a[0].ID(), got.AccessTokenKeyID)

	require.NoError(t, s.UpsertExternalAuthLink(ctx, link(u, "gitlab", "x", "y")))
	raw, err := inner.GetExternalAuthLink(ctx, u, "gitlab")
	require.NoError(t, err)
	require.Equal(t, b[0].ID(), raw.AccessTokenKeyID, "the first key encrypts")
}

// TestConcurrentRefresh has 50 callers refresh one link from the same old
// refresh token through the decorator: exactly one may win.
func TestConcurrentRefresh(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	s := decorate(t, inner, keys(t, 0))
	u := addUser(t, s)
	l := link(u, "github", "access-0", "refresh-0")
	require.NoError(t, s.UpsertExternalAuthLink(ctx, l))

	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			next := link(u, "github", fmt.Sprintf("access-%d", i+1), fmt.Sprintf("refresh-%d", i+1))
			errs[i] = s.UpdateExternalAuthLinkTokens(ctx, next, l.RefreshToken)
		})
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "two winners")
			winner = i
			continue
		}
		require.ErrorIs(t, err, store.ErrConflict)
	}
	require.NotEqual(t, -1, winner, "nobody won")
	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, fmt.Sprintf("refresh-%d", winner+1), got.RefreshToken)
}

// rotatingStore runs hook once, just before the first token update reaches
// the store: a rotation that lands between the decorator's read and its swap.
type rotatingStore struct {
	store.Store
	once sync.Once
	hook func()
}

func (r *rotatingStore) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, old string) error {
	r.once.Do(r.hook)
	return r.Store.UpdateExternalAuthLinkTokens(ctx, l, old)
}

// TestRefreshSurvivesRotation checks that a swap whose ciphertext was
// re-encrypted under it (same plaintext) is retried, not refused.
func TestRefreshSurvivesRotation(t *testing.T) {
	ctx, inner := t.Context(), openTemp(t)
	a, ba := keys(t, 0), keys(t, 1, 0)
	u := addUser(t, inner)
	l := link(u, "github", "access-0", "refresh-0")
	require.NoError(t, decorate(t, inner, a).UpsertExternalAuthLink(ctx, l))

	rotated := 0
	hooked := &rotatingStore{Store: inner, hook: func() {
		n, err := dbcrypt.Rotate(ctx, inner, ba)
		require.NoError(t, err)
		rotated = n
	}}
	s := decorate(t, hooked, ba)
	next := link(u, "github", "access-1", "refresh-1")
	require.NoError(t, s.UpdateExternalAuthLinkTokens(ctx, next, "refresh-0"))
	require.Equal(t, 1, rotated, "the rotation ran in between")

	got, err := s.GetExternalAuthLink(ctx, u, "github")
	require.NoError(t, err)
	require.Equal(t, "refresh-1", got.RefreshToken)
	require.ErrorIs(t, s.UpdateExternalAuthLinkTokens(ctx, next, "refresh-0"), store.ErrConflict,
		"a real change of the refresh token is still a conflict")
}
