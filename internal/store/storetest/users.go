package storetest

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// testUsers covers InsertUser, the three lookups, ListUsers and
// UpdateUserLastSeen.
func testUsers(t *testing.T, fresh Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("alice")
		u.Roles = []string{store.RoleOwner}
		require.NoError(t, s.InsertUser(c, u))
		want := normUser(u)

		got, err := s.GetUserByID(c, u.ID)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, time.UTC, got.CreatedAt.Location())

		got, err = s.GetUserByUsername(c, u.Username)
		require.NoError(t, err)
		require.Equal(t, want, got)

		got, err = s.GetUserByEmail(c, u.Email)
		require.NoError(t, err)
		require.Equal(t, want, got)
	})

	t.Run("ZeroAndEmptyValues", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := store.User{ID: uuid.New(), Email: "z@example.com", Username: "z",
			Status: "active", LoginType: store.LoginTypePassword}
		require.NoError(t, s.InsertUser(c, u))
		got, err := s.GetUserByID(c, u.ID)
		require.NoError(t, err)
		require.Equal(t, normUser(u), got)
		require.Equal(t, []string{}, got.Roles, "a plain member has no stored roles")
		require.True(t, got.LastSeenAt.IsZero())
	})

	t.Run("TimePrecision", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("precise")
		u.CreatedAt = time.Date(2030, 1, 2, 3, 4, 5, 999_999_999, time.UTC)
		u.UpdatedAt = time.Date(1999, 12, 31, 23, 59, 59, 1_000_000, time.FixedZone("X", -7*3600))
		require.NoError(t, s.InsertUser(c, u))
		got, err := s.GetUserByID(c, u.ID)
		require.NoError(t, err)
		require.Equal(t, time.Date(2030, 1, 2, 3, 4, 5, 999_000_000, time.UTC), got.CreatedAt)
		require.Equal(t, time.Date(2000, 1, 1, 6, 59, 59, 1_000_000, time.UTC), got.UpdatedAt)
	})

	t.Run("CaseInsensitiveLookup", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("Alice")
		u.Email = "Alice.Smith@Example.COM"
		require.NoError(t, s.InsertUser(c, u))

		for _, name := range []string{"alice", "ALICE", "aLiCe"} {
			got, err := s.GetUserByUsername(c, name)
			require.NoError(t, err, name)
			require.Equal(t, u.ID, got.ID)
			require.Equal(t, "Alice", got.Username, "stored as given")
		}
		for _, email := range []string{"alice.smith@example.com", "ALICE.SMITH@EXAMPLE.COM"} {
			got, err := s.GetUserByEmail(c, email)
			require.NoError(t, err, email)
			require.Equal(t, u.ID, got.ID)
			require.Equal(t, "Alice.Smith@Example.COM", got.Email, "stored as given")
		}
	})

	t.Run("Conflicts", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("bob")
		require.NoError(t, s.InsertUser(c, u))

		sameID := newUser("other")
		sameID.ID = u.ID
		sameUsername := newUser("BOB")
		sameUsername.Email = "different@example.com"
		sameEmail := newUser("robert")
		sameEmail.Email = "BOB@EXAMPLE.COM"
		for name, dup := range map[string]store.User{
			"id": sameID, "username": sameUsername, "email": sameEmail,
		} {
			err := s.InsertUser(c, dup)
			require.ErrorIs(t, err, store.ErrConflict, name)
			require.NotErrorIs(t, err, store.ErrNotFound, name)
		}
		users, err := s.ListUsers(c)
		require.NoError(t, err)
		require.Len(t, users, 1)
	})

	t.Run("NotFound", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		require.NoError(t, s.InsertUser(c, newUser("carol")))
		_, err := s.GetUserByID(c, uuid.New())
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.GetUserByUsername(c, "nobody")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.GetUserByEmail(c, "nobody@example.com")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.GetUserByUsername(c, "carol%")
		require.ErrorIs(t, err, store.ErrNotFound, "no pattern matching")
	})

	t.Run("List", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		users, err := s.ListUsers(c)
		require.NoError(t, err)
		require.NotNil(t, users, "empty list, not nil")
		require.Empty(t, users)

		// Same creation time: ordered by username, case-insensitively.
		var want []store.User
		for _, name := range []string{"zed", "Alice", "bob", "Carol"} {
			u := newUser(name)
			if name == "zed" {
				u.CreatedAt = at(-time.Hour) // earliest, despite its name
			}
			want = append(want, normUser(u))
		}
		for _, i := range []int{3, 1, 0, 2} { // insertion order must not matter
			require.NoError(t, s.InsertUser(c, want[i]))
		}
		users, err = s.ListUsers(c)
		require.NoError(t, err)
		require.Equal(t, want, users)
	})

	t.Run("UpdateLastSeen", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("dave")
		require.NoError(t, s.InsertUser(c, u))
		seen := at(3 * time.Hour)
		require.NoError(t, s.UpdateUserLastSeen(c, u.ID, seen))

		got, err := s.GetUserByID(c, u.ID)
		require.NoError(t, err)
		want := normUser(u)
		want.LastSeenAt, want.UpdatedAt = norm(seen), norm(seen)
		require.Equal(t, want, got)

		require.ErrorIs(t, s.UpdateUserLastSeen(c, uuid.New(), seen), store.ErrNotFound)
	})
}

// testFirstUser covers InsertFirstUser.
func testFirstUser(t *testing.T, fresh Opener) {
	t.Run("OnlyWhenEmpty", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		first := newUser("first")
		first.Roles = []string{store.RoleOwner}
		require.NoError(t, s.InsertFirstUser(c, first))
		got, err := s.GetUserByID(c, first.ID)
		require.NoError(t, err)
		require.Equal(t, normUser(first), got)

		require.ErrorIs(t, s.InsertFirstUser(c, newUser("second")), store.ErrConflict)
		// Ordinary users may follow.
		require.NoError(t, s.InsertUser(c, newUser("third")))
		require.ErrorIs(t, s.InsertFirstUser(c, newUser("fourth")), store.ErrConflict)
	})

	t.Run("NotAfterOrdinaryUser", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		require.NoError(t, s.InsertUser(c, newUser("ordinary")))
		require.ErrorIs(t, s.InsertFirstUser(c, newUser("late")), store.ErrConflict)
	})

	t.Run("Race", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		const n = 20
		errs := make(chan error, n)
		start := make(chan struct{})
		for i := range n {
			go func() {
				<-start
				errs <- s.InsertFirstUser(c, newUser(keyID(i)))
			}()
		}
		close(start)
		wins := 0
		for range n {
			err := <-errs
			if err == nil {
				wins++
				continue
			}
			require.ErrorIs(t, err, store.ErrConflict)
		}
		require.Equal(t, 1, wins)
		users, err := s.ListUsers(c)
		require.NoError(t, err)
		require.Len(t, users, 1)
	})
}
