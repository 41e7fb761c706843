package cache_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/cache"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

func openMemory(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), sqlite.Options{InMemory: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// The decorator keeps the store contract.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return cache.New(openMemory(t), cache.Options{}) })
}

// counting counts the reads that reach the engine.
type counting struct {
	store.Store
	keyReads, linkReads atomic.Int64
}

func (c *counting) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	c.keyReads.Add(1)
	return c.Store.GetAPIKeyByID(ctx, id)
}

func (c *counting) GetExternalAuthLink(ctx context.Context, u uuid.UUID, p string) (store.ExternalAuthLink, error) {
	c.linkReads.Add(1)
	return c.Store.GetExternalAuthLink(ctx, u, p)
}

type clock struct{ t atomic.Int64 }

func (c *clock) now() time.Time          { return time.Unix(0, c.t.Load()) }
func (c *clock) advance(d time.Duration) { c.t.Add(int64(d)) }

type fixture struct {
	ctx   context.Context
	inner *counting
	s     *cache.Store
	clk   *clock
	user  uuid.UUID
	key   store.APIKey
	link  store.ExternalAuthLink
}

func newFixture(t *testing.T, o cache.Options) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), inner: &counting{Store: openMemory(t)}, clk: &clock{}}
	f.clk.t.Store(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).UnixNano())
	o.Now = f.clk.now
	f.s = cache.New(f.inner, o)
	now := time.Now().UTC().Truncate(time.Millisecond)
	f.user = uuid.New()
	require.NoError(t, f.s.InsertUser(f.ctx, store.User{ID: f.user, Email: "u@example.com", Username: "u",
		Roles: []string{store.RoleOwner}, Status: "active", LoginType: store.LoginTypePassword, CreatedAt: now, UpdatedAt: now}))
	f.key = store.APIKey{ID: "abcdefghij", HashedSecret: []byte("0123456789abcdef0123456789abcdef"), UserID: f.user,
		LoginType: store.LoginTypeToken, Scope: "all", TokenName: "t", LifetimeSeconds: 3600,
		ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now, LastUsed: now}
	require.NoError(t, f.s.InsertAPIKey(f.ctx, f.key))
	f.link = store.ExternalAuthLink{UserID: f.user, ProviderID: "github", AccessToken: "a1", RefreshToken: "r1",
		ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now}
	require.NoError(t, f.s.UpsertExternalAuthLink(f.ctx, f.link))
	return f
}

func (f *fixture) getKey(t *testing.T) store.APIKey {
	t.Helper()
	k, err := f.s.GetAPIKeyByID(f.ctx, f.key.ID)
	require.NoError(t, err)
	return k
}

func (f *fixture) getLink(t *testing.T) store.ExternalAuthLink {
	t.Helper()
	l, err := f.s.GetExternalAuthLink(f.ctx, f.user, "github")
	require.NoError(t, err)
	return l
}

// TestFreshReadsSkipTheCache: a read under store.Fresh goes to the database
// even with the row cached, and what it read replaces the cached copy.
func TestFreshReadsSkipTheCache(t *testing.T) {
	f := newFixture(t, cache.Options{})
	f.getLink(t)
	// Another replica writes behind this cache's back.
	changed := f.link
	changed.AccessToken = "a2"
	require.NoError(t, f.inner.UpsertExternalAuthLink(f.ctx, changed))
	assert.Equal(t, "a1", f.getLink(t).AccessToken, "the cached copy")
	l, err := f.s.GetExternalAuthLink(store.Fresh(f.ctx), f.user, "github")
	require.NoError(t, err)
	assert.Equal(t, "a2", l.AccessToken, "a fresh read sees the database")
	assert.EqualValues(t, 2, f.inner.linkReads.Load())
	assert.Equal(t, "a2", f.getLink(t).AccessToken, "and replaces the cached copy")
}

func TestReadsAreCached(t *testing.T) {
	f := newFixture(t, cache.Options{})
	for range 5 {
		assert.Equal(t, f.key.ID, f.getKey(t).ID)
		assert.Equal(t, "a1", f.getLink(t).AccessToken)
	}
	assert.EqualValues(t, 1, f.inner.keyReads.Load())
	assert.EqualValues(t, 1, f.inner.linkReads.Load())
	st := f.s.Stats()
	assert.EqualValues(t, 4, st.KeyHits)
	assert.EqualValues(t, 4, st.LinkHits)

	// A caller cannot alter the cached row.
	k := f.getKey(t)
	k.HashedSecret[0] = 'X'
	assert.Equal(t, byte('0'), f.getKey(t).HashedSecret[0])

	// Absent rows are not cached.
	for range 2 {
		_, err := f.s.GetAPIKeyByID(f.ctx, "zzzzzzzzzz")
		assert.True(t, errors.Is(err, store.ErrNotFound))
	}
	assert.EqualValues(t, 3, f.inner.keyReads.Load())
}

func TestTTL(t *testing.T) {
	f := newFixture(t, cache.Options{TTL: time.Second})
	f.getKey(t)
	f.clk.advance(999 * time.Millisecond)
	f.getKey(t)
	assert.EqualValues(t, 1, f.inner.keyReads.Load())
	f.clk.advance(time.Millisecond)
	f.getKey(t)
	assert.EqualValues(t, 2, f.inner.keyReads.Load())
}

func TestWritesInvalidate(t *testing.T) {
	f := newFixture(t, cache.Options{})
	now := f.key.CreatedAt

	f.getKey(t)
	require.NoError(t, f.s.UpdateAPIKeyUsage(f.ctx, f.key.ID, now.Add(time.Minute), now.Add(2*time.Hour)))
	assert.Equal(t, now.Add(2*time.Hour), f.getKey(t).ExpiresAt, "usage written")

	require.NoError(t, f.s.DeleteAPIKey(f.ctx, f.key.ID))
	_, err := f.s.GetAPIKeyByID(f.ctx, f.key.ID)
	assert.True(t, errors.Is(err, store.ErrNotFound), "a deleted key is gone at once: %v", err)

	require.NoError(t, f.s.InsertAPIKey(f.ctx, f.key))
	f.getKey(t)
	_, err = f.s.DeleteExpiredAPIKeys(f.ctx, now.Add(2*time.Hour))
	require.NoError(t, err)
	_, err = f.s.GetAPIKeyByID(f.ctx, f.key.ID)
	assert.True(t, errors.Is(err, store.ErrNotFound), "an expired key swept is gone at once: %v", err)

	f.getLink(t)
	l := f.link
	l.AccessToken, l.RefreshToken = "a2", "r2"
	require.NoError(t, f.s.UpdateExternalAuthLinkTokens(f.ctx, l, "r1"))
	assert.Equal(t, "a2", f.getLink(t).AccessToken, "refreshed tokens")

	l.AccessToken = "a3"
	require.NoError(t, f.s.UpsertExternalAuthLink(f.ctx, l))
	assert.Equal(t, "a3", f.getLink(t).AccessToken, "relinked")

	require.NoError(t, f.s.DeleteExternalAuthLink(f.ctx, f.user, "github"))
	_, err = f.s.GetExternalAuthLink(f.ctx, f.user, "github")
	assert.True(t, errors.Is(err, store.ErrNotFound), "an unlinked account is gone at once: %v", err)
}

// racing is an engine whose key read lets a write happen in the middle of
// it, as a concurrent request would.
type racing struct {
	store.Store
	during func()
}

func (r *racing) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	k, err := r.Store.GetAPIKeyByID(ctx, id)
	if r.during != nil {
		during := r.during
		r.during = nil
		during()
	}
	return k, err
}

// A row read before a write and arriving after it is not kept.
func TestFillRacingAWrite(t *testing.T) {
	ctx := context.Background()
	r := &racing{Store: openMemory(t)}
	s := cache.New(r, cache.Options{})
	now := time.Now().UTC().Truncate(time.Millisecond)
	user := uuid.New()
	require.NoError(t, s.InsertUser(ctx, store.User{ID: user, Email: "u@example.com", Username: "u",
		Roles: []string{store.RoleOwner}, Status: "active", LoginType: store.LoginTypePassword, CreatedAt: now, UpdatedAt: now}))
	key := store.APIKey{ID: "abcdefghij", HashedSecret: []byte("h"), UserID: user, LoginType: store.LoginTypeToken,
		Scope: "all", TokenName: "t", ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now, LastUsed: now}
	require.NoError(t, s.InsertAPIKey(ctx, key))

	r.during = func() { require.NoError(t, s.DeleteAPIKey(ctx, key.ID)) }
	got, err := s.GetAPIKeyByID(ctx, key.ID)
	require.NoError(t, err, "the read itself saw the row")
	assert.Equal(t, key.ID, got.ID)
	_, err = s.GetAPIKeyByID(ctx, key.ID)
	assert.True(t, errors.Is(err, store.ErrNotFound), "the stale row was cached: %v", err)
}

func TestBounded(t *testing.T) {
	f := newFixture(t, cache.Options{MaxEntries: 3})
	for i := range 10 {
		k := f.key
		k.ID = "key000000" + string(rune('0'+i))
		k.TokenName = k.ID
		require.NoError(t, f.s.InsertAPIKey(f.ctx, k))
		_, err := f.s.GetAPIKeyByID(f.ctx, k.ID)
		require.NoError(t, err)
	}
	// Eviction runs in the background (otter's maintenance): once it has
	// caught up, at most MaxEntries rows are kept.
	for {
		time.Sleep(20 * time.Millisecond)
		before := f.inner.keyReads.Load()
		for i := range 10 {
			_, err := f.s.GetAPIKeyByID(f.ctx, "key000000"+string(rune('0'+i)))
			require.NoError(t, err)
		}
		if hits := 10 - (f.inner.keyReads.Load() - before); hits <= 3 {
			break
		}
		require.NoError(t, t.Context().Err(), "more than MaxEntries rows stay cached")
	}
}

func BenchmarkCachedKeyRead(b *testing.B) {
	ctx := context.Background()
	inner, err := sqlite.Open(ctx, sqlite.Options{InMemory: true})
	require.NoError(b, err)
	defer inner.Close()
	s := cache.New(inner, cache.Options{TTL: time.Hour})
	now := time.Now().UTC().Truncate(time.Millisecond)
	user := uuid.New()
	require.NoError(b, s.InsertUser(ctx, store.User{ID: user, Email: "u@example.com", Username: "u",
		Roles: []string{store.RoleOwner}, Status: "active", LoginType: store.LoginTypePassword, CreatedAt: now, UpdatedAt: now}))
	require.NoError(b, s.InsertAPIKey(ctx, store.APIKey{ID: "abcdefghij", HashedSecret: make([]byte, 32), UserID: user,
		LoginType: store.LoginTypeToken, Scope: "all", TokenName: "t", ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now}))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.GetAPIKeyByID(ctx, "abcdefghij"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
