package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// testDeployment covers DeploymentID and Counts.
func testDeployment(t *testing.T, fresh Opener) {
	t.Run("DeploymentIDStable", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		id, err := s.DeploymentID(c, "first-candidate")
		require.NoError(t, err)
		require.Equal(t, "first-candidate", id)
		for range 3 {
			id, err = s.DeploymentID(c, "second-candidate")
			require.NoError(t, err)
			require.Equal(t, "first-candidate", id, "later candidates are ignored")
		}
	})

	t.Run("DeploymentIDEmptyCandidate", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		_, err := s.DeploymentID(c, "")
		require.Error(t, err)
		id, err := s.DeploymentID(c, "real")
		require.NoError(t, err)
		require.Equal(t, "real", id, "the rejected empty candidate was not stored")
	})

	t.Run("Counts", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		now := at(5 * time.Hour)
		got, err := s.Counts(c, now)
		require.NoError(t, err)
		require.Equal(t, store.Counts{CollectedAt: now.UTC()}, got)

		a, b := newUser("a"), newUser("b")
		require.NoError(t, s.InsertUser(c, a))
		require.NoError(t, s.InsertUser(c, b))
		for i, exp := range []time.Time{
			now.Add(time.Hour),        // active
			now.Add(time.Millisecond), // active
			now,                       // expired: not after now
			now.Add(-time.Hour),       // expired
		} {
			for _, u := range []store.User{a, b} {
				lt := store.LoginTypeToken
				if i%2 == 1 {
					lt = store.LoginTypePassword // every login type counts
				}
				k := newKey(u.ID, keyID(i)+u.Username, lt)
				k.ExpiresAt = exp
				require.NoError(t, s.InsertAPIKey(c, k))
			}
		}
		got, err = s.Counts(c, now)
		require.NoError(t, err)
		require.Equal(t, int64(2), got.Users)
		require.Equal(t, int64(4), got.ActiveKeys)
		require.Equal(t, now.UTC(), got.CollectedAt)
		require.Equal(t, time.UTC, got.CollectedAt.Location())
	})
}
