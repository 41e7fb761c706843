package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

func testUserRoles(t *testing.T, fresh Opener) {
	t.Run("SetIsNormalizedAndReturned", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		owner, bob := newUser("owner"), newUser("bob")
		owner.Roles = []string{store.RoleOwner}
		require.NoError(t, s.InsertFirstUser(c, owner))
		require.NoError(t, s.InsertUser(c, bob))

		at := time.Now().Add(time.Hour)
		got, err := s.UpdateUserRoles(c, bob.ID,
			[]string{store.RoleUserAdmin, store.RoleMember, store.RoleAuditor, store.RoleAuditor}, at)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleAuditor, store.RoleUserAdmin}, got.Roles)
		require.Equal(t, norm(at), got.UpdatedAt)
		read, err := s.GetUserByID(c, bob.ID)
		require.NoError(t, err)
		require.Equal(t, got, read)
		require.True(t, read.HasRole(store.RoleAuditor))
		require.True(t, read.HasRole(store.RoleMember))
		require.False(t, read.HasRole(store.RoleOwner))

		got, err = s.UpdateUserRoles(c, bob.ID, nil, at)
		require.NoError(t, err)
		require.Equal(t, []string{}, got.Roles)
	})

	t.Run("UnknownUser", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		_, err := s.UpdateUserRoles(c, uuid.New(), []string{store.RoleAuditor}, time.Now())
		require.ErrorIs(t, err, store.ErrNotFound)
	})

	t.Run("LastOwnerKeepsTheRole", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		owner, bob := newUser("owner"), newUser("bob")
		owner.Roles = []string{store.RoleOwner}
		require.NoError(t, s.InsertFirstUser(c, owner))
		require.NoError(t, s.InsertUser(c, bob))

		_, err := s.UpdateUserRoles(c, owner.ID, []string{store.RoleAuditor}, time.Now())
		require.ErrorIs(t, err, store.ErrLastOwner)
		read, err := s.GetUserByID(c, owner.ID)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleOwner}, read.Roles, "a refused change changes nothing")

		// With a second owner, either may be demoted, but not both.
		_, err = s.UpdateUserRoles(c, bob.ID, []string{store.RoleOwner}, time.Now())
		require.NoError(t, err)
		_, err = s.UpdateUserRoles(c, owner.ID, nil, time.Now())
		require.NoError(t, err)
		_, err = s.UpdateUserRoles(c, bob.ID, nil, time.Now())
		require.ErrorIs(t, err, store.ErrLastOwner)
	})

	t.Run("ConcurrentDemotionsLeaveAnOwner", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		var ids []uuid.UUID
		for i, name := range []string{"o1", "o2", "o3", "o4"} {
			u := newUser(name)
			u.Roles = []string{store.RoleOwner}
			if i == 0 {
				require.NoError(t, s.InsertFirstUser(c, u))
			} else {
				require.NoError(t, s.InsertUser(c, u))
			}
			ids = append(ids, u.ID)
		}
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.UpdateUserRoles(c, id, nil, time.Now())
			}()
		}
		wg.Wait()
		refused := 0
		for _, err := range errs {
			if err != nil {
				require.ErrorIs(t, err, store.ErrLastOwner)
				refused++
			}
		}
		require.Equal(t, 1, refused)
		owners := 0
		users, err := s.ListUsers(c)
		require.NoError(t, err)
		for _, u := range users {
			if u.HasRole(store.RoleOwner) {
				owners++
			}
		}
		require.Equal(t, 1, owners)
	})
}
