package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// testConcurrency checks that concurrent writers and readers all succeed:
// the engine must queue them, not fail with lock errors.
func testConcurrency(t *testing.T, fresh Opener) {
	t.Run("Writers", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("busy")
		require.NoError(t, s.InsertUser(c, u))

		const n = 50
		var wg sync.WaitGroup
		errs := make(chan error, 3*n)
		for i := range n {
			wg.Go(func() {
				k := newKey(u.ID, keyID(i), store.LoginTypeToken)
				if err := s.InsertAPIKey(c, k); err != nil {
					errs <- err
					return
				}
				if err := s.UpdateAPIKeyUsage(c, k.ID, at(time.Minute), time.Time{}); err != nil {
					errs <- err
				}
				if _, err := s.ListAPIKeys(c, u.ID, store.LoginTypeToken); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		keys, err := s.ListAPIKeys(c, u.ID, store.LoginTypeToken)
		require.NoError(t, err)
		require.Len(t, keys, n)
	})

	t.Run("DeploymentIDRace", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		const n = 20
		ids := make(chan string, n)
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				id, err := s.DeploymentID(c, uuid.NewString())
				if err != nil {
					errs <- err
					return
				}
				ids <- id
			})
		}
		wg.Wait()
		close(ids)
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		seen := map[string]bool{}
		for id := range ids {
			seen[id] = true
		}
		require.Len(t, seen, 1, "every caller sees the same id")
	})
}

// testContext checks that methods honour an ended context with an error
// that is both store.ErrUnavailable and the context's own error, and that
// the store keeps working afterwards.
func testContext(t *testing.T, fresh Opener) {
	s := fresh(t)
	u := newUser("ctx")
	require.NoError(t, s.InsertUser(ctx(t), u))

	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()

	for name, tc := range map[string]struct {
		ctx  context.Context
		want error
	}{
		"Cancelled": {cancelled, context.Canceled},
		"Expired":   {expired, context.DeadlineExceeded},
	} {
		t.Run(name, func(t *testing.T) {
			c := tc.ctx
			calls := map[string]error{
				"Ping":                 s.Ping(c),
				"InsertUser":           s.InsertUser(c, newUser("late")),
				"InsertFirstUser":      s.InsertFirstUser(c, newUser("late2")),
				"UpdateUserLastSeen":   s.UpdateUserLastSeen(c, u.ID, at(time.Hour)),
				"InsertAPIKey":         s.InsertAPIKey(c, newKey(u.ID, keyID(1), store.LoginTypeToken)),
				"DeleteAPIKey":         s.DeleteAPIKey(c, keyID(1)),
				"UpdateAPIKeyUsage":    s.UpdateAPIKeyUsage(c, keyID(1), at(0), at(0)),
				"GetUserByID":          second(s.GetUserByID(c, u.ID)),
				"GetUserByUsername":    second(s.GetUserByUsername(c, u.Username)),
				"GetUserByEmail":       second(s.GetUserByEmail(c, u.Email)),
				"ListUsers":            second(s.ListUsers(c)),
				"GetAPIKeyByID":        second(s.GetAPIKeyByID(c, keyID(1))),
				"ListAPIKeys":          second(s.ListAPIKeys(c, u.ID, store.LoginTypeToken)),
				"DeleteExpiredAPIKeys": second(s.DeleteExpiredAPIKeys(c, at(0))),
				"DeploymentID":         second(s.DeploymentID(c, "x")),
				"Counts":               second(s.Counts(c, at(0))),
			}
			for method, err := range calls {
				require.ErrorIs(t, err, store.ErrUnavailable, method)
				require.ErrorIs(t, err, tc.want, method)
				require.False(t, errors.Is(err, store.ErrNotFound), method)
			}
		})
	}

	t.Run("StillWorks", func(t *testing.T) {
		c := ctx(t)
		require.NoError(t, s.Ping(c))
		got, err := s.GetUserByID(c, u.ID)
		require.NoError(t, err)
		require.Equal(t, u.ID, got.ID)
		users, err := s.ListUsers(c)
		require.NoError(t, err)
		require.Len(t, users, 1, "nothing was written with an ended context")
	})
}

// second returns the error of a two-valued call.
func second[T any](_ T, err error) error { return err }
