package postgres

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/cache"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// replica is one gitauthd process's store stack on a shared database: the
// engine, the cache in front of it, and the listener between them, as
// internal/server assembles them.
type replica struct {
	pg    *Store
	cache *cache.Store
	inv   *Invalidations
}

func openReplica(t *testing.T, url string, ttl, relisten time.Duration) *replica {
	t.Helper()
	r := &replica{pg: openStore(t, url)}
	r.cache = cache.New(r.pg, cache.Options{TTL: ttl})
	r.inv = r.pg.Listen(ListenerOptions{Apply: r.cache.Apply, Reset: r.cache.InvalidateAll, RelistenDelay: relisten})
	r.cache.SetPublisher(r.inv)
	t.Cleanup(r.inv.Stop)
	waitFor(t, "the listener listens", r.inv.Listening)
	return r
}

// waitFor polls cond until it holds; the test's own timeout bounds it.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if t.Context().Err() != nil {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func notFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// Every write one replica makes reaches the other's cache through NOTIFY.
// The caches' TTL is an hour, so nothing but a notification can explain
// the second replica seeing a write.
func TestInvalidationAcrossReplicas(t *testing.T) {
	url := pgtest.URL(t)
	a, b := openReplica(t, url, time.Hour, time.Second), openReplica(t, url, time.Hour, time.Second)
	ctx := t.Context()

	u := sampleUser("alice")
	require.NoError(t, a.cache.InsertUser(ctx, u))
	k := sampleKey(u.ID, "abcdefghij")
	require.NoError(t, a.cache.InsertAPIKey(ctx, k))
	now := time.Now().UTC().Truncate(time.Millisecond)
	link := store.ExternalAuthLink{UserID: u.ID, ProviderID: "github", AccessToken: "a1", CreatedAt: now, UpdatedAt: now}
	require.NoError(t, a.cache.UpsertExternalAuthLink(ctx, link))
	require.NoError(t, a.cache.InsertProject(ctx, store.Project{ID: "p1", Name: "P", CreatedAt: now}))
	require.NoError(t, a.cache.AddProjectMember(ctx, store.ProjectMember{ProjectID: "p1", UserID: u.ID, AddedAt: now}))
	ga := store.ProjectGitAuth{ProjectID: "p1", Name: "ci", RepoType: "github", ProviderID: "github",
		TokenType: store.GitAuthPersonal, Secret: "s", CreatedBy: u.ID, CreatedAt: now, UpdatedAt: now}
	require.NoError(t, a.cache.InsertProjectGitAuth(ctx, ga))

	// b reads (and caches) everything.
	_, err := b.cache.GetAPIKeyByID(ctx, k.ID)
	require.NoError(t, err)
	_, err = b.cache.GetExternalAuthLink(ctx, u.ID, "github")
	require.NoError(t, err)
	member, err := b.cache.IsProjectMember(ctx, "p1", u.ID)
	require.NoError(t, err)
	require.True(t, member)
	auths, err := b.cache.ListProjectGitAuths(ctx, "p1")
	require.NoError(t, err)
	require.Len(t, auths, 1)
	_, err = b.cache.GetUserByID(ctx, u.ID)
	require.NoError(t, err)

	// a writes; b refuses.
	require.NoError(t, a.cache.DeleteAPIKey(ctx, k.ID))
	waitFor(t, "the revoked key is refused by the other replica", func() bool {
		_, err := b.cache.GetAPIKeyByID(ctx, k.ID)
		return notFound(err)
	})
	require.NoError(t, a.cache.DeleteExternalAuthLink(ctx, u.ID, "github"))
	waitFor(t, "the unlinked account is gone on the other replica", func() bool {
		_, err := b.cache.GetExternalAuthLink(ctx, u.ID, "github")
		return notFound(err)
	})
	require.NoError(t, a.cache.DeleteProjectGitAuth(ctx, "p1", "ci"))
	waitFor(t, "the deleted authorization is gone on the other replica", func() bool {
		l, err := b.cache.ListProjectGitAuths(ctx, "p1")
		return err == nil && len(l) == 0
	})
	require.NoError(t, a.cache.RemoveProjectMember(ctx, "p1", u.ID))
	waitFor(t, "the removed member is refused by the other replica", func() bool {
		ok, err := b.cache.IsProjectMember(ctx, "p1", u.ID)
		return err == nil && !ok
	})
	seen := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond)
	require.NoError(t, a.cache.UpdateUserLastSeen(ctx, u.ID, seen))
	waitFor(t, "the user's change is seen by the other replica", func() bool {
		got, err := b.cache.GetUserByID(ctx, u.ID)
		return err == nil && got.LastSeenAt.Equal(seen)
	})
}

// A replica whose listener connection drops misses notifications: it
// serves what it cached for at most the TTL, then reads again; once the
// listener is back it drops everything it cached meanwhile.
func TestInvalidationListenerDropped(t *testing.T) {
	url := pgtest.URL(t)
	const ttl = 300 * time.Millisecond
	// b's listener, once cut, stays away for the whole test.
	a, b := openReplica(t, url, time.Hour, time.Second), openReplica(t, url, ttl, time.Hour)
	ctx := t.Context()
	u := sampleUser("bob")
	require.NoError(t, a.cache.InsertUser(ctx, u))
	k := sampleKey(u.ID, "klmnopqrst")
	require.NoError(t, a.cache.InsertAPIKey(ctx, k))

	// Cut b's listener and keep it from coming back while a writes.
	old := b.inv.pid.Load()
	terminate(t, url, old)
	waitFor(t, "b's listener notices", func() bool { return !b.inv.Listening() })

	_, err := b.cache.GetAPIKeyByID(ctx, k.ID)
	require.NoError(t, err)
	require.NoError(t, a.cache.DeleteAPIKey(ctx, k.ID))
	// No notification reaches b; its cached row expires all the same.
	waitFor(t, "the revoked key is refused once b's cached row expires", func() bool {
		_, err := b.cache.GetAPIKeyByID(ctx, k.ID)
		return notFound(err)
	})
}

// terminate ends a backend, as a network cut or a failover would.
func terminate(t *testing.T, url string, pid uint32) {
	t.Helper()
	require.NotZero(t, pid)
	require.EqualValues(t, 1, queryInt(t, url, "SELECT pg_terminate_backend($1)::int", int32(pid)))
}

// A listener that reconnects drops everything cached: what was published
// while it was away is lost.
func TestInvalidationListenerReconnects(t *testing.T) {
	url := pgtest.URL(t)
	// b comes back half a second after its listener is cut.
	a, b := openReplica(t, url, time.Hour, time.Second), openReplica(t, url, time.Hour, 500*time.Millisecond)
	ctx := t.Context()
	u := sampleUser("carol")
	require.NoError(t, a.cache.InsertUser(ctx, u))
	k := sampleKey(u.ID, "uvwxyzabcd")
	require.NoError(t, a.cache.InsertAPIKey(ctx, k))
	_, err := b.cache.GetAPIKeyByID(ctx, k.ID)
	require.NoError(t, err)

	old := b.inv.pid.Load()
	terminate(t, url, old)
	// Written while b may not be listening: only the reset on reconnect
	// (or the notification, if b was back in time) makes b see it.
	require.NoError(t, a.pg.DeleteAPIKey(ctx, k.ID)) // the engine: no notification at all
	waitFor(t, "b listens again", func() bool { return b.inv.Listening() && b.inv.pid.Load() != old })
	_, err = b.cache.GetAPIKeyByID(ctx, k.ID)
	require.True(t, notFound(err), "a reconnected listener kept a row cached before it dropped: %v", err)
}
