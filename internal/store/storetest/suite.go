// Package storetest is the engine-agnostic conformance suite of the store
// contract. Every engine's tests call Run; an engine passes when it behaves
// exactly as the suite expects, so that nothing engine-specific is visible
// above internal/store. Checks that need an engine's database beneath the
// store (a migration run step by step, as AuditSegmentsMigration does)
// take a Migration describing it.
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

// Option adjusts what Run expects of the store under test.
type Option func(*options)

// options are the expectations Options adjust.
type options struct {
	// managedKeyIDs: the store sets the *KeyID fields itself.
	managedKeyIDs bool
}

// ManagedKeyIDs tells Run that the store under test sets the *KeyID fields
// of links and states itself, as the encrypting decorator (dbcrypt) does.
// Run then expects a key id exactly beside every non-empty secret instead of
// the key ids it wrote; without this option it expects them back verbatim,
// as engines must store them.
func ManagedKeyIDs() Option {
	return func(o *options) { o.managedKeyIDs = true }
}

// Run runs the whole suite. open is called once per subtest; Run closes every
// store it gets, so Close must tolerate being called again by the opener's
// own cleanup.
func Run(t *testing.T, open Opener, opts ...Option) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
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
	t.Run("UserRoles", func(t *testing.T) { testUserRoles(t, fresh) })
	t.Run("APIKeys", func(t *testing.T) { testAPIKeys(t, fresh) })
	t.Run("Deployment", func(t *testing.T) { testDeployment(t, fresh) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, fresh) })
	t.Run("Context", func(t *testing.T) { testContext(t, fresh) })
	t.Run("ExternalAuthLinks", func(t *testing.T) { testLinks(t, fresh, o) })
	t.Run("OAuthStates", func(t *testing.T) { testOAuthStates(t, fresh, o) })
	t.Run("Leases", func(t *testing.T) { testLeases(t, fresh) })
	t.Run("ExternalAuthContext", func(t *testing.T) { testExternalAuthContext(t, fresh) })
	t.Run("Projects", func(t *testing.T) { testProjects(t, fresh, o) })
	t.Run("UserLifecycle", func(t *testing.T) { testUserLifecycle(t, fresh) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, fresh) })
}

// ctx is a per-test context with a deadline, so that a hung store fails the
// test instead of stalling the run.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}
