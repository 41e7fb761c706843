package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// testLeases covers AcquireLease and ReleaseLease. Times are passed in, so
// nothing here waits on a clock.
func testLeases(t *testing.T, fresh Opener) {
	const name, ttl = "refresh:user/github", time.Minute

	// acquire is AcquireLease at base+d that must not fail.
	acquire := func(t *testing.T, s store.Store, holder string, d time.Duration) bool {
		t.Helper()
		ok, err := s.AcquireLease(ctx(t), name, holder, at(d), ttl)
		require.NoError(t, err)
		return ok
	}

	t.Run("ExclusiveAndRenewable", func(t *testing.T) {
		s := fresh(t)
		require.True(t, acquire(t, s, "a", 0), "a free lease is taken")
		require.False(t, acquire(t, s, "b", 30*time.Second), "held by a")
		require.True(t, acquire(t, s, "a", 30*time.Second), "the holder re-acquires (until 90s)")
		require.False(t, acquire(t, s, "b", 61*time.Second), "the re-acquire extended it")
		require.True(t, acquire(t, s, "b", 90*time.Second), "taken over at its expiry")
		require.False(t, acquire(t, s, "a", 91*time.Second), "a lost it")

		other, err := s.AcquireLease(ctx(t), "refresh:other", "a", at(91*time.Second), ttl)
		require.NoError(t, err)
		require.True(t, other, "leases are independent by name")
	})

	t.Run("Release", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		require.True(t, acquire(t, s, "a", 0))
		require.NoError(t, s.ReleaseLease(c, name, "b"), "not the holder: nothing happens")
		require.False(t, acquire(t, s, "b", time.Second), "still held by a")
		require.NoError(t, s.ReleaseLease(c, name, "a"))
		require.True(t, acquire(t, s, "b", time.Second), "free after release")
		require.NoError(t, s.ReleaseLease(c, "never-taken", "a"), "releasing a free lease is harmless")
	})

	t.Run("ConcurrentContenders", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		errLost := errors.New("lost")
		requireOneWinner(t, 20, func(i int) error {
			ok, err := s.AcquireLease(c, name, keyID(i), at(0), ttl)
			switch {
			case err != nil:
				return err
			case !ok:
				return errLost
			}
			return nil
		}, errLost)
	})

	t.Run("InvalidTTL", func(t *testing.T) {
		s := fresh(t)
		_, err := s.AcquireLease(ctx(t), name, "a", at(0), 0)
		require.Error(t, err)
		require.True(t, acquire(t, s, "b", 0), "nothing was taken")
	})
}

// testExternalAuthContext checks that the external auth methods honour an
// ended context like the others (see testContext).
func testExternalAuthContext(t *testing.T, fresh Opener) {
	s := fresh(t)
	u := newUser("ctx")
	require.NoError(t, s.InsertUser(ctx(t), u))
	require.NoError(t, s.UpsertExternalAuthLink(ctx(t), newLink(u.ID, "github")))

	c, cancel := context.WithCancel(t.Context())
	cancel()
	l, st := newLink(u.ID, "github"), newState(u.ID, 1)
	calls := map[string]error{
		"UpsertExternalAuthLink":       s.UpsertExternalAuthLink(c, newLink(u.ID, "gitlab")),
		"GetExternalAuthLink":          second(s.GetExternalAuthLink(c, u.ID, "github")),
		"ListExternalAuthLinks":        second(s.ListExternalAuthLinks(c, u.ID)),
		"AllExternalAuthLinks":         second(s.AllExternalAuthLinks(c)),
		"DeleteExternalAuthLink":       s.DeleteExternalAuthLink(c, u.ID, "github"),
		"UpdateExternalAuthLinkTokens": s.UpdateExternalAuthLinkTokens(c, l, l.RefreshToken),
		"InsertOAuthState":             s.InsertOAuthState(c, st),
		"ConsumeOAuthState":            second(s.ConsumeOAuthState(c, st.StateHash, at(0))),
		"DeleteExpiredOAuthStates":     second(s.DeleteExpiredOAuthStates(c, at(0))),
		"AcquireLease":                 second(s.AcquireLease(c, "l", "a", at(0), time.Minute)),
		"ReleaseLease":                 s.ReleaseLease(c, "l", "a"),
	}
	for method, err := range calls {
		require.ErrorIs(t, err, store.ErrUnavailable, method)
		require.ErrorIs(t, err, context.Canceled, method)
	}

	links, err := s.ListExternalAuthLinks(ctx(t), u.ID)
	require.NoError(t, err)
	require.Len(t, links, 1, "nothing was written with an ended context")
	_, err = s.GetExternalAuthLink(ctx(t), uuid.Nil, "github")
	require.ErrorIs(t, err, store.ErrNotFound, "the store still works")
}
