// Package storetest is the engine-agnostic conformance suite of the store
// contract. Every engine's tests call Run; an engine passes when it behaves
// exactly as the suite expects, so that nothing engine-specific is visible
// above internal/store.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Opener returns a new, empty, fully migrated store for one test.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite. open is called once per subtest; Run closes every
// store it gets, so Close must tolerate being called again by the opener's
// own cleanup.
func Run(t *testing.T, open Opener) {
	fresh := func(t *testing.T) store.Store {
		t.Helper()
		s := open(t)
		require.NotNil(t, s)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
	t.Run("Ping", func(t *testing.T) { require.NoError(t, fresh(t).Ping(ctx(t))) })
	t.Run("Users", func(t *testing.T) { testUsers(t, fresh) })
	t.Run("FirstUser", func(t *testing.T) { testFirstUser(t, fresh) })
	t.Run("APIKeys", func(t *testing.T) { testAPIKeys(t, fresh) })
	t.Run("Deployment", func(t *testing.T) { testDeployment(t, fresh) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, fresh) })
	t.Run("Context", func(t *testing.T) { testContext(t, fresh) })
}

// ctx is a per-test context with a deadline, so that a hung store fails the
// test instead of stalling the run.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}
