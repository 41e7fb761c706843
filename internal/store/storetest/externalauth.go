package storetest

import (
	"cmp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// newLink returns a link of user to provider with every field set. The key
// ids are arbitrary: engines store them verbatim.
func newLink(user uuid.UUID, provider string) store.ExternalAuthLink {
	return store.ExternalAuthLink{
		UserID:            user,
		ProviderID:        provider,
		AccessToken:       "gho_access-" + provider,
		AccessTokenKeyID:  "key-a",
		RefreshToken:      "ghr_refresh-" + provider,
		RefreshTokenKeyID: "key-r",
		ExpiresAt:         at(8 * time.Hour),
		ExtraData:         `{"scope":"repo"}`,
		FailureReason:     "",
		CreatedAt:         at(0),
		UpdatedAt:         at(time.Second),
	}
}

// expectLink is what a store must return for the stored link l. When the
// store manages key ids, it first checks that got carries one exactly beside
// each non-empty token, then expects those.
func expectLink(t *testing.T, o options, l, got store.ExternalAuthLink) store.ExternalAuthLink {
	t.Helper()
	l.ExpiresAt, l.CreatedAt, l.UpdatedAt = norm(l.ExpiresAt), norm(l.CreatedAt), norm(l.UpdatedAt)
	if o.managedKeyIDs {
		requireKeyID(t, l.AccessToken, got.AccessTokenKeyID, "access token")
		requireKeyID(t, l.RefreshToken, got.RefreshTokenKeyID, "refresh token")
		l.AccessTokenKeyID, l.RefreshTokenKeyID = got.AccessTokenKeyID, got.RefreshTokenKeyID
	}
	return l
}

// requireKeyID checks that a managed key id is set exactly when its secret
// is non-empty.
func requireKeyID(t *testing.T, secret, keyID, what string) {
	t.Helper()
	require.Equal(t, secret != "", keyID != "", "key id of the %s: %q", what, keyID)
}

// requireLink checks that s holds exactly want (as expectLink sees it).
func requireLink(t *testing.T, s store.Store, o options, want store.ExternalAuthLink) {
	t.Helper()
	got, err := s.GetExternalAuthLink(ctx(t), want.UserID, want.ProviderID)
	require.NoError(t, err)
	require.Equal(t, expectLink(t, o, want, got), got)
}

// testLinks covers every external auth link method.
func testLinks(t *testing.T, fresh Opener, o options) {
	withUser := func(t *testing.T) (store.Store, store.User) {
		s, u := fresh(t), newUser("linker")
		require.NoError(t, s.InsertUser(ctx(t), u))
		return s, u
	}

	t.Run("RoundTrip", func(t *testing.T) {
		s, u := withUser(t)
		l := newLink(u.ID, "github")
		require.NoError(t, s.UpsertExternalAuthLink(ctx(t), l))
		requireLink(t, s, o, l)
	})

	t.Run("ZeroAndEmptyValues", func(t *testing.T) {
		s, u := withUser(t)
		l := store.ExternalAuthLink{UserID: u.ID, ProviderID: "gitea", AccessToken: "only-access"}
		require.NoError(t, s.UpsertExternalAuthLink(ctx(t), l))
		got, err := s.GetExternalAuthLink(ctx(t), u.ID, "gitea")
		require.NoError(t, err)
		require.True(t, got.ExpiresAt.IsZero(), "zero expiry means never")
		require.Empty(t, got.RefreshToken)
		require.Equal(t, expectLink(t, o, l, got), got)
	})

	t.Run("UpsertKeepsCreatedAt", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		first := newLink(u.ID, "github")
		require.NoError(t, s.UpsertExternalAuthLink(c, first))

		again := store.ExternalAuthLink{UserID: u.ID, ProviderID: "github",
			AccessToken: "second-access", RefreshToken: "second-refresh",
			ExpiresAt: at(9 * time.Hour), ExtraData: `{}`, FailureReason: "",
			CreatedAt: at(time.Hour), UpdatedAt: at(time.Hour)}
		require.NoError(t, s.UpsertExternalAuthLink(c, again))
		want := again
		want.CreatedAt = first.CreatedAt
		requireLink(t, s, o, want)

		links, err := s.ListExternalAuthLinks(c, u.ID)
		require.NoError(t, err)
		require.Len(t, links, 1, "replaced, not added")
	})

	t.Run("UnknownUser", func(t *testing.T) {
		s, _ := withUser(t)
		err := s.UpsertExternalAuthLink(ctx(t), newLink(uuid.New(), "github"))
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("GetNotFound", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		require.NoError(t, s.UpsertExternalAuthLink(c, newLink(u.ID, "github")))
		_, err := s.GetExternalAuthLink(c, u.ID, "gitlab")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.GetExternalAuthLink(c, uuid.New(), "github")
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("ListAndAll", func(t *testing.T) { testListLinks(t, fresh, o) })

	t.Run("Delete", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		keep := newLink(u.ID, "gitlab")
		require.NoError(t, s.UpsertExternalAuthLink(c, newLink(u.ID, "github")))
		require.NoError(t, s.UpsertExternalAuthLink(c, keep))

		require.NoError(t, s.DeleteExternalAuthLink(c, u.ID, "github"))
		_, err := s.GetExternalAuthLink(c, u.ID, "github")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.DeleteExternalAuthLink(c, u.ID, "github"), store.ErrNotFound, "already gone")
		require.ErrorIs(t, s.DeleteExternalAuthLink(c, uuid.New(), "gitlab"), store.ErrNotFound)
		requireLink(t, s, o, keep)
	})

	t.Run("CompareAndSwap", func(t *testing.T) { testLinkCAS(t, fresh, o) })

	t.Run("Rekey", func(t *testing.T) {
		s, u := withUser(t)
		rk, ok := s.(store.Rekeyer)
		if !ok {
			t.Skip("the store under test does not implement store.Rekeyer")
		}
		testRekeyLink(t, s, rk, u)
	})

	// Deleting a user takes their links: UserLifecycle/DeleteCascades.
}

// testListLinks covers ListExternalAuthLinks and AllExternalAuthLinks.
func testListLinks(t *testing.T, fresh Opener, o options) {
	s, c := fresh(t), ctx(t)
	u, other := newUser("lister"), newUser("other")
	require.NoError(t, s.InsertUser(c, u))
	require.NoError(t, s.InsertUser(c, other))

	empty, err := s.ListExternalAuthLinks(c, u.ID)
	require.NoError(t, err)
	require.NotNil(t, empty, "empty list, not nil")
	require.Empty(t, empty)
	all, err := s.AllExternalAuthLinks(c)
	require.NoError(t, err)
	require.NotNil(t, all, "empty list, not nil")
	require.Empty(t, all)

	var mine []store.ExternalAuthLink
	for _, p := range []string{"gitlab", "bitbucket", "github"} {
		l := newLink(u.ID, p)
		mine = append(mine, l)
		require.NoError(t, s.UpsertExternalAuthLink(c, l))
	}
	theirs := newLink(other.ID, "github")
	require.NoError(t, s.UpsertExternalAuthLink(c, theirs))

	byProvider := func(a, b store.ExternalAuthLink) int { return cmp.Compare(a.ProviderID, b.ProviderID) }
	slices.SortFunc(mine, byProvider)
	got, err := s.ListExternalAuthLinks(c, u.ID)
	require.NoError(t, err)
	require.Len(t, got, len(mine))
	for i := range mine {
		require.Equal(t, expectLink(t, o, mine[i], got[i]), got[i], "ordered by provider id")
	}

	want := append(slices.Clone(mine), theirs)
	slices.SortStableFunc(want, func(a, b store.ExternalAuthLink) int {
		return cmp.Compare(a.UserID.String(), b.UserID.String())
	})
	all, err = s.AllExternalAuthLinks(c)
	require.NoError(t, err)
	require.Len(t, all, len(want))
	for i := range want {
		require.Equal(t, expectLink(t, o, want[i], all[i]), all[i], "ordered by user, then provider")
	}
}

// testLinkCAS covers UpdateExternalAuthLinkTokens.
func testLinkCAS(t *testing.T, fresh Opener, o options) {
	s, c := fresh(t), ctx(t)
	u := newUser("refresher")
	require.NoError(t, s.InsertUser(c, u))
	l := newLink(u.ID, "github")
	require.NoError(t, s.UpsertExternalAuthLink(c, l))

	next := store.ExternalAuthLink{UserID: u.ID, ProviderID: "github",
		AccessToken: "access-2", RefreshToken: "refresh-2", ExpiresAt: at(16 * time.Hour),
		ExtraData: `{"scope":"repo,user"}`, FailureReason: "",
		CreatedAt: at(time.Hour), UpdatedAt: at(8 * time.Hour)}

	t.Run("Success", func(t *testing.T) {
		require.NoError(t, s.UpdateExternalAuthLinkTokens(c, next, l.RefreshToken))
		want := next
		want.CreatedAt = l.CreatedAt // kept
		requireLink(t, s, o, want)
	})

	t.Run("Conflict", func(t *testing.T) {
		stale := next
		stale.AccessToken, stale.RefreshToken = "access-3", "refresh-3"
		err := s.UpdateExternalAuthLinkTokens(c, stale, l.RefreshToken)
		require.ErrorIs(t, err, store.ErrConflict, "the old refresh token was already spent")
		want := next
		want.CreatedAt = l.CreatedAt
		requireLink(t, s, o, want)
	})

	t.Run("NotFound", func(t *testing.T) {
		gone := next
		gone.ProviderID = "gitlab"
		require.ErrorIs(t, s.UpdateExternalAuthLinkTokens(c, gone, next.RefreshToken), store.ErrNotFound)
		gone = next
		gone.UserID = uuid.New()
		require.ErrorIs(t, s.UpdateExternalAuthLinkTokens(c, gone, next.RefreshToken), store.ErrNotFound)
	})

	t.Run("FailureAndNoRefreshToken", func(t *testing.T) {
		failed := next
		failed.RefreshToken, failed.FailureReason = "", "invalid_grant: refresh token revoked"
		failed.ExpiresAt = time.Time{}
		require.NoError(t, s.UpdateExternalAuthLinkTokens(c, failed, next.RefreshToken))
		want := failed
		want.CreatedAt = l.CreatedAt
		requireLink(t, s, o, want)

		// An empty refresh token is a value like any other.
		failed.AccessToken = "access-4"
		require.NoError(t, s.UpdateExternalAuthLinkTokens(c, failed, ""))
		require.ErrorIs(t, s.UpdateExternalAuthLinkTokens(c, failed, "refresh-2"), store.ErrConflict)
	})

	t.Run("ConcurrentRefreshes", func(t *testing.T) {
		v := newLink(u.ID, "gitlab")
		require.NoError(t, s.UpsertExternalAuthLink(c, v))
		winner := requireOneWinner(t, 20, func(i int) error {
			n := v
			n.AccessToken, n.RefreshToken = keyID(i)+"-access", keyID(i)+"-refresh"
			return s.UpdateExternalAuthLinkTokens(c, n, v.RefreshToken)
		}, store.ErrConflict)
		got, err := s.GetExternalAuthLink(c, u.ID, "gitlab")
		require.NoError(t, err)
		require.Equal(t, keyID(winner)+"-refresh", got.RefreshToken, "the winner's tokens are stored")
	})
}

// testRekeyLink covers RekeyExternalAuthLink; engines store key ids
// verbatim.
func testRekeyLink(t *testing.T, s store.Store, rk store.Rekeyer, u store.User) {
	c := ctx(t)
	l := newLink(u.ID, "github")
	require.NoError(t, s.UpsertExternalAuthLink(c, l))

	re := l
	re.AccessToken, re.AccessTokenKeyID = "access-rekeyed", "key-2"
	re.RefreshToken, re.RefreshTokenKeyID = "refresh-rekeyed", "key-2"
	re.ExtraData = "extra-rekeyed"
	re.ExpiresAt, re.FailureReason, re.UpdatedAt = at(time.Hour), "x", at(time.Hour)
	require.NoError(t, rk.RekeyExternalAuthLink(c, re, l.AccessToken, l.RefreshToken, l.ExtraData))
	want := l // only the tokens, their key ids and the extra data change
	want.AccessToken, want.AccessTokenKeyID = re.AccessToken, re.AccessTokenKeyID
	want.RefreshToken, want.RefreshTokenKeyID = re.RefreshToken, re.RefreshTokenKeyID
	want.ExtraData = re.ExtraData
	requireLink(t, s, options{}, want)

	for _, old := range [][3]string{
		{l.AccessToken, l.RefreshToken, l.ExtraData},
		{re.AccessToken, l.RefreshToken, re.ExtraData},
		{l.AccessToken, re.RefreshToken, re.ExtraData},
		{re.AccessToken, re.RefreshToken, l.ExtraData},
	} {
		require.ErrorIs(t, rk.RekeyExternalAuthLink(c, l, old[0], old[1], old[2]), store.ErrConflict, old)
	}
	requireLink(t, s, options{}, want)
	gone := re
	gone.ProviderID = "gitlab"
	require.ErrorIs(t, rk.RekeyExternalAuthLink(c, gone, re.AccessToken, re.RefreshToken, re.ExtraData), store.ErrNotFound)
}

// requireOneWinner runs try(0) … try(n-1) concurrently and checks that
// exactly one succeeds while every other fails with loserErr; it returns the
// winner's index.
func requireOneWinner(t *testing.T, n int, try func(i int) error, loserErr error) int {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = try(i)
		})
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "more than one winner: %d and %d", winner, i)
			winner = i
			continue
		}
		require.ErrorIs(t, err, loserErr, "caller %d", i)
	}
	require.NotEqual(t, -1, winner, "nobody won")
	return winner
}
