package storetest

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// newState returns a state of user with every field set, expiring ten
// minutes after base; n makes its hash unique.
func newState(user uuid.UUID, n int) store.OAuthState {
	sum := sha256.Sum256([]byte("state " + keyID(n)))
	return store.OAuthState{
		StateHash:         sum[:],
		UserID:            user,
		ProviderID:        "github",
		Purpose:           "external-auth",
		PKCEVerifier:      "verifier-" + keyID(n) + "-0123456789abcdefghijklmnopqrstuvwxyz",
		PKCEVerifierKeyID: "key-v",
		RedirectTo:        "/external-auth/github?redirected=true",
		ExpiresAt:         at(10 * time.Minute),
		CreatedAt:         at(0),
	}
}

// expectState is what a store must return for the stored state st (see
// expectLink for managed key ids).
func expectState(t *testing.T, o options, st, got store.OAuthState) store.OAuthState {
	t.Helper()
	st.ExpiresAt, st.CreatedAt = norm(st.ExpiresAt), norm(st.CreatedAt)
	if o.managedKeyIDs {
		requireKeyID(t, st.PKCEVerifier, got.PKCEVerifierKeyID, "PKCE verifier")
		st.PKCEVerifierKeyID = got.PKCEVerifierKeyID
	}
	return st
}

// testOAuthStates covers every OAuth state method.
func testOAuthStates(t *testing.T, fresh Opener, o options) {
	withUser := func(t *testing.T) (store.Store, store.User) {
		s, u := fresh(t), newUser("flow")
		require.NoError(t, s.InsertUser(ctx(t), u))
		return s, u
	}

	t.Run("RoundTripSingleUse", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		for i, st := range []store.OAuthState{
			newState(u.ID, 1),
			{StateHash: newState(u.ID, 2).StateHash, UserID: u.ID, ProviderID: "gitlab",
				Purpose: "project-auth:p1", ExpiresAt: at(time.Minute)}, // no PKCE, no redirect
		} {
			require.NoError(t, s.InsertOAuthState(c, st), i)
			got, err := s.ConsumeOAuthState(c, st.StateHash, at(time.Second))
			require.NoError(t, err, i)
			require.Equal(t, expectState(t, o, st, got), got, i)
			_, err = s.ConsumeOAuthState(c, st.StateHash, at(time.Second))
			require.ErrorIs(t, err, store.ErrNotFound, "a state is consumed once")
		}
	})

	t.Run("InsertErrors", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		st := newState(u.ID, 1)
		require.NoError(t, s.InsertOAuthState(c, st))
		require.ErrorIs(t, s.InsertOAuthState(c, st), store.ErrConflict, "same hash")
		require.ErrorIs(t, s.InsertOAuthState(c, newState(uuid.New(), 2)), store.ErrNotFound, "unknown user")
	})

	t.Run("ConsumeUnknown", func(t *testing.T) {
		s, u := withUser(t)
		require.NoError(t, s.InsertOAuthState(ctx(t), newState(u.ID, 1)))
		_, err := s.ConsumeOAuthState(ctx(t), newState(u.ID, 2).StateHash, at(0))
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("Expired", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		st := newState(u.ID, 1) // expires at base+10m
		require.NoError(t, s.InsertOAuthState(c, st))
		_, err := s.ConsumeOAuthState(c, st.StateHash, st.ExpiresAt)
		require.ErrorIs(t, err, store.ErrNotFound, "expired at its expiry")
		st.ExpiresAt = at(20 * time.Minute)
		require.NoError(t, s.InsertOAuthState(c, st), "the expired state was deleted when presented")
		_, err = s.ConsumeOAuthState(c, st.StateHash, at(21*time.Minute))
		require.ErrorIs(t, err, store.ErrNotFound, "expired long ago")
	})

	t.Run("ConcurrentConsumers", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		st := newState(u.ID, 1)
		require.NoError(t, s.InsertOAuthState(c, st))
		got := make([]store.OAuthState, 20)
		winner := requireOneWinner(t, len(got), func(i int) error {
			var err error
			got[i], err = s.ConsumeOAuthState(c, st.StateHash, at(time.Second))
			return err
		}, store.ErrNotFound)
		require.Equal(t, expectState(t, o, st, got[winner]), got[winner])
	})

	t.Run("DeleteExpired", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		cutoff := at(time.Hour)
		expiries := []time.Time{cutoff.Add(-time.Minute), cutoff.Add(-time.Millisecond),
			cutoff /* at, not before, the cutoff: kept */, cutoff.Add(time.Minute)}
		for i, exp := range expiries {
			st := newState(u.ID, i)
			st.ExpiresAt = exp
			require.NoError(t, s.InsertOAuthState(c, st))
		}
		n, err := s.DeleteExpiredOAuthStates(c, cutoff)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		for i := range expiries {
			_, err := s.ConsumeOAuthState(c, newState(u.ID, i).StateHash, at(0))
			if i < 2 {
				require.ErrorIs(t, err, store.ErrNotFound, i)
			} else {
				require.NoError(t, err, i)
			}
		}
		n, err = s.DeleteExpiredOAuthStates(c, cutoff)
		require.NoError(t, err)
		require.Zero(t, n, "nothing left to delete")
	})

	t.Run("Rekey", func(t *testing.T) {
		s, u := withUser(t)
		rk, ok := s.(store.Rekeyer)
		if !ok {
			t.Skip("the store under test does not implement store.Rekeyer")
		}
		testRekeyStates(t, s, rk, u)
	})
}

// testRekeyStates covers the state methods of store.Rekeyer; engines store
// key ids verbatim.
func testRekeyStates(t *testing.T, s store.Store, rk store.Rekeyer, u store.User) {
	c := ctx(t)
	empty, err := rk.ListOAuthStates(c)
	require.NoError(t, err)
	require.NotNil(t, empty, "empty list, not nil")
	require.Empty(t, empty)

	var want []store.OAuthState
	for i := range 3 {
		st := newState(u.ID, i)
		if i == 0 {
			st.ExpiresAt = at(-time.Hour) // expired states are listed too
		}
		require.NoError(t, s.InsertOAuthState(c, st))
		want = append(want, expectState(t, options{}, st, st))
	}
	slices.SortFunc(want, func(a, b store.OAuthState) int { return bytes.Compare(a.StateHash, b.StateHash) })
	got, err := rk.ListOAuthStates(c)
	require.NoError(t, err)
	require.Equal(t, want, got, "every state, ordered by hash")

	st := want[1]
	require.NoError(t, rk.RekeyOAuthState(c, st.StateHash, "new-verifier", "key-2", st.PKCEVerifier))
	require.ErrorIs(t, rk.RekeyOAuthState(c, st.StateHash, "newer", "key-3", st.PKCEVerifier),
		store.ErrConflict, "the verifier has changed")
	require.ErrorIs(t, rk.RekeyOAuthState(c, newState(u.ID, 9).StateHash, "v", "k", ""),
		store.ErrNotFound)

	consumed, err := s.ConsumeOAuthState(c, st.StateHash, at(0))
	require.NoError(t, err)
	st.PKCEVerifier, st.PKCEVerifierKeyID = "new-verifier", "key-2"
	require.Equal(t, st, consumed)
}
