package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

func testUserLifecycle(t *testing.T, fresh Opener) {
	// seed stores two users, each with a session and a token, and returns
	// them.
	seed := func(t *testing.T, s store.Store) (store.User, store.User) {
		t.Helper()
		c := ctx(t)
		alice, bob := newUser("alice"), newUser("bob")
		for i, u := range []store.User{alice, bob} {
			require.NoError(t, s.InsertUser(c, u))
			require.NoError(t, s.InsertAPIKey(c, newKey(u.ID, keyID(2*i), store.LoginTypePassword)))
			require.NoError(t, s.InsertAPIKey(c, newKey(u.ID, keyID(2*i+1), store.LoginTypeToken)))
		}
		return alice, bob
	}
	keysOf := func(t *testing.T, s store.Store, id uuid.UUID) int {
		t.Helper()
		n := 0
		for _, lt := range []string{store.LoginTypePassword, store.LoginTypeToken} {
			ks, err := s.ListAPIKeys(ctx(t), id, lt)
			require.NoError(t, err)
			n += len(ks)
		}
		return n
	}

	t.Run("SuspendDeletesKeys", func(t *testing.T) {
		s := fresh(t)
		c := ctx(t)
		alice, bob := seed(t, s)
		require.NoError(t, s.UpdateUserStatus(c, alice.ID, store.UserStatusSuspended, at(time.Hour)))
		got, err := s.GetUserByID(c, alice.ID)
		require.NoError(t, err)
		require.Equal(t, store.UserStatusSuspended, got.Status)
		require.Equal(t, norm(at(time.Hour)), got.UpdatedAt)
		require.Zero(t, keysOf(t, s, alice.ID), "a suspended user keeps no key")
		_, err = s.GetAPIKeyByID(c, keyID(0))
		require.ErrorIs(t, err, store.ErrNotFound)
		require.Equal(t, 2, keysOf(t, s, bob.ID), "another user's keys are untouched")

		require.NoError(t, s.UpdateUserStatus(c, alice.ID, store.UserStatusActive, at(2*time.Hour)))
		got, err = s.GetUserByID(c, alice.ID)
		require.NoError(t, err)
		require.Equal(t, store.UserStatusActive, got.Status)
		require.ErrorIs(t, s.UpdateUserStatus(c, uuid.New(), store.UserStatusSuspended, at(0)), store.ErrNotFound)
	})

	t.Run("ActivateKeepsKeys", func(t *testing.T) {
		s := fresh(t)
		alice, _ := seed(t, s)
		require.NoError(t, s.UpdateUserStatus(ctx(t), alice.ID, store.UserStatusActive, at(time.Hour)))
		require.Equal(t, 2, keysOf(t, s, alice.ID))
	})

	t.Run("PasswordDeletesKeys", func(t *testing.T) {
		s := fresh(t)
		c := ctx(t)
		alice, bob := seed(t, s)
		require.NoError(t, s.UpdateUserPassword(c, alice.ID, "$argon2id$new", at(time.Hour)))
		got, err := s.GetUserByID(c, alice.ID)
		require.NoError(t, err)
		require.Equal(t, "$argon2id$new", got.HashedPassword)
		require.Zero(t, keysOf(t, s, alice.ID))
		require.Equal(t, 2, keysOf(t, s, bob.ID))
		require.ErrorIs(t, s.UpdateUserPassword(c, uuid.New(), "x", at(0)), store.ErrNotFound)
	})

	t.Run("DeleteCascades", func(t *testing.T) {
		s := fresh(t)
		c := ctx(t)
		alice, bob := seed(t, s)
		require.NoError(t, s.UpsertExternalAuthLink(c, newLink(alice.ID, "github")))
		require.NoError(t, s.UpsertExternalAuthLink(c, newLink(bob.ID, "github")))
		p := newProject("platform", 0)
		require.NoError(t, s.InsertProject(c, p))
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: alice.ID, AddedAt: at(time.Second)}))
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: bob.ID, AddedAt: at(time.Second)}))

		require.NoError(t, s.DeleteUser(c, alice.ID))
		_, err := s.GetUserByID(c, alice.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.Zero(t, keysOf(t, s, alice.ID))
		_, err = s.GetExternalAuthLink(c, alice.ID, "github")
		require.ErrorIs(t, err, store.ErrNotFound)
		member, err := s.IsProjectMember(c, p.ID, alice.ID)
		require.NoError(t, err)
		require.False(t, member)

		// Bob is untouched.
		require.Equal(t, 2, keysOf(t, s, bob.ID))
		_, err = s.GetExternalAuthLink(c, bob.ID, "github")
		require.NoError(t, err)
		member, err = s.IsProjectMember(c, p.ID, bob.ID)
		require.NoError(t, err)
		require.True(t, member)

		require.ErrorIs(t, s.DeleteUser(c, alice.ID), store.ErrNotFound)
		// The username and email are free again.
		require.NoError(t, s.InsertUser(c, newUser("alice")))
	})

	t.Run("DeleteKeepsAnOwner", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		var ids []uuid.UUID
		for i, name := range []string{"o1", "o2", "o3"} {
			u := newUser(name)
			u.Roles = []string{store.RoleOwner}
			if i == 0 {
				require.NoError(t, s.InsertFirstUser(c, u))
			} else {
				require.NoError(t, s.InsertUser(c, u))
			}
			ids = append(ids, u.ID)
		}
		// Every owner deleted at once: exactly one is refused, and stays.
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.DeleteUser(c, id)
			}()
		}
		wg.Wait()
		var kept uuid.UUID
		for i, err := range errs {
			if err != nil {
				require.ErrorIs(t, err, store.ErrLastOwner)
				require.Equal(t, uuid.Nil, kept, "a second refusal")
				kept = ids[i]
			}
		}
		require.NotEqual(t, uuid.Nil, kept, "every owner was deleted")
		read, err := s.GetUserByID(c, kept)
		require.NoError(t, err)
		require.True(t, read.HasRole(store.RoleOwner))
		require.ErrorIs(t, s.DeleteUser(c, kept), store.ErrLastOwner, "the last owner is refused")
	})
}
