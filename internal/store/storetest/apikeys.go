package storetest

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// testAPIKeys covers every API key method.
func testAPIKeys(t *testing.T, fresh Opener) {
	// withUser opens a store holding one user and returns both.
	withUser := func(t *testing.T) (store.Store, store.User) {
		s, u := fresh(t), newUser("owner")
		require.NoError(t, s.InsertUser(ctx(t), u))
		return s, u
	}

	t.Run("RoundTrip", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		for i, lt := range []string{store.LoginTypePassword, store.LoginTypeToken} {
			k := newKey(u.ID, keyID(i), lt)
			require.NoError(t, s.InsertAPIKey(c, k))
			got, err := s.GetAPIKeyByID(c, k.ID)
			require.NoError(t, err)
			require.Equal(t, normKey(k), got)
			require.Equal(t, time.UTC, got.ExpiresAt.Location())
		}
	})

	t.Run("ZeroTimes", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		k := newKey(u.ID, keyID(1), store.LoginTypePassword)
		k.LastUsed, k.UpdatedAt = time.Time{}, time.Time{}
		require.NoError(t, s.InsertAPIKey(c, k))
		got, err := s.GetAPIKeyByID(c, k.ID)
		require.NoError(t, err)
		require.True(t, got.LastUsed.IsZero())
		require.Equal(t, normKey(k), got)
	})

	t.Run("DuplicateID", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		require.NoError(t, s.InsertAPIKey(c, newKey(u.ID, keyID(1), store.LoginTypePassword)))
		dup := newKey(u.ID, keyID(1), store.LoginTypeToken)
		require.ErrorIs(t, s.InsertAPIKey(c, dup), store.ErrConflict)
	})

	t.Run("UnknownUser", func(t *testing.T) {
		s, _ := withUser(t)
		err := s.InsertAPIKey(ctx(t), newKey(uuid.New(), keyID(1), store.LoginTypeToken))
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("TokenNameUniqueness", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		other := newUser("other")
		require.NoError(t, s.InsertUser(c, other))

		tok := newKey(u.ID, keyID(1), store.LoginTypeToken)
		tok.TokenName = "ci"
		require.NoError(t, s.InsertAPIKey(c, tok))

		sameName := newKey(u.ID, keyID(2), store.LoginTypeToken)
		sameName.TokenName = "ci"
		require.ErrorIs(t, s.InsertAPIKey(c, sameName), store.ErrConflict, "same user, same name")

		otherUser := newKey(other.ID, keyID(3), store.LoginTypeToken)
		otherUser.TokenName = "ci"
		require.NoError(t, s.InsertAPIKey(c, otherUser), "same name, other user")

		for i := 4; i < 7; i++ { // sessions carry no name and never conflict
			require.NoError(t, s.InsertAPIKey(c, newKey(u.ID, keyID(i), store.LoginTypePassword)))
		}
		session := newKey(u.ID, keyID(7), store.LoginTypePassword)
		session.TokenName = "ci"
		require.NoError(t, s.InsertAPIKey(c, session), "names are unique among tokens only")

		// A deleted token frees its name.
		require.NoError(t, s.DeleteAPIKey(c, tok.ID))
		require.NoError(t, s.InsertAPIKey(c, sameName))
	})

	t.Run("GetNotFound", func(t *testing.T) {
		s, _ := withUser(t)
		_, err := s.GetAPIKeyByID(ctx(t), "nokey00000")
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("List", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		other := newUser("other")
		require.NoError(t, s.InsertUser(c, other))

		empty, err := s.ListAPIKeys(c, u.ID, store.LoginTypeToken)
		require.NoError(t, err)
		require.NotNil(t, empty, "empty list, not nil")
		require.Empty(t, empty)

		var tokens []store.APIKey // oldest first
		for i := range 4 {
			k := newKey(u.ID, keyID(10+i), store.LoginTypeToken)
			k.CreatedAt = at(time.Duration(i) * time.Minute)
			tokens = append(tokens, k)
		}
		for _, i := range []int{2, 0, 3, 1} {
			require.NoError(t, s.InsertAPIKey(c, tokens[i]))
		}
		require.NoError(t, s.InsertAPIKey(c, newKey(u.ID, keyID(20), store.LoginTypePassword)))
		require.NoError(t, s.InsertAPIKey(c, newKey(other.ID, keyID(21), store.LoginTypeToken)))

		got, err := s.ListAPIKeys(c, u.ID, store.LoginTypeToken)
		require.NoError(t, err)
		want := []store.APIKey{normKey(tokens[3]), normKey(tokens[2]), normKey(tokens[1]), normKey(tokens[0])}
		require.Equal(t, want, got, "the user's tokens, newest first")

		got, err = s.ListAPIKeys(c, u.ID, store.LoginTypePassword)
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, keyID(20), got[0].ID)

		got, err = s.ListAPIKeys(c, uuid.New(), store.LoginTypeToken)
		require.NoError(t, err)
		require.Empty(t, got)
	})

	t.Run("Delete", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		k := newKey(u.ID, keyID(1), store.LoginTypeToken)
		keep := newKey(u.ID, keyID(2), store.LoginTypeToken)
		require.NoError(t, s.InsertAPIKey(c, k))
		require.NoError(t, s.InsertAPIKey(c, keep))

		require.NoError(t, s.DeleteAPIKey(c, k.ID))
		_, err := s.GetAPIKeyByID(c, k.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.DeleteAPIKey(c, k.ID), store.ErrNotFound, "already gone")
		require.ErrorIs(t, s.DeleteAPIKey(c, "unknown000"), store.ErrNotFound)
		_, err = s.GetAPIKeyByID(c, keep.ID)
		require.NoError(t, err)
	})

	t.Run("UpdateUsage", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		k := newKey(u.ID, keyID(1), store.LoginTypePassword)
		require.NoError(t, s.InsertAPIKey(c, k))

		used, expires := at(time.Hour+123456789), at(48*time.Hour+987654321)
		require.NoError(t, s.UpdateAPIKeyUsage(c, k.ID, used, expires))
		got, err := s.GetAPIKeyByID(c, k.ID)
		require.NoError(t, err)
		want := normKey(k)
		want.LastUsed, want.ExpiresAt = norm(used), norm(expires)
		require.Equal(t, want, got)

		// A zero expiry records the use and keeps the expiry.
		used = at(2 * time.Hour)
		require.NoError(t, s.UpdateAPIKeyUsage(c, k.ID, used, time.Time{}))
		got, err = s.GetAPIKeyByID(c, k.ID)
		require.NoError(t, err)
		want.LastUsed = norm(used)
		require.Equal(t, want, got)

		require.ErrorIs(t, s.UpdateAPIKeyUsage(c, "unknown000", used, expires), store.ErrNotFound)
	})

	t.Run("DeleteExpired", func(t *testing.T) {
		s, u := withUser(t)
		c := ctx(t)
		cutoff := at(10 * time.Hour)
		expiries := map[string]time.Time{
			keyID(1): cutoff.Add(-time.Hour),
			keyID(2): cutoff.Add(-time.Millisecond),
			keyID(3): cutoff, // expires at, not before, the cutoff: kept
			keyID(4): cutoff.Add(time.Hour),
		}
		for id, exp := range expiries {
			k := newKey(u.ID, id, store.LoginTypeToken)
			k.ExpiresAt = exp
			require.NoError(t, s.InsertAPIKey(c, k))
		}
		n, err := s.DeleteExpiredAPIKeys(c, cutoff)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)

		for id, gone := range map[string]bool{keyID(1): true, keyID(2): true, keyID(3): false, keyID(4): false} {
			_, err := s.GetAPIKeyByID(c, id)
			if gone {
				require.ErrorIs(t, err, store.ErrNotFound, id)
			} else {
				require.NoError(t, err, id)
			}
		}
		n, err = s.DeleteExpiredAPIKeys(c, cutoff)
		require.NoError(t, err)
		require.Zero(t, n, "nothing left to delete")
	})
}
