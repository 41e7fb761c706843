// Package cache is a read-through cache of the rows every authenticated
// request reads: API keys (by id) and external auth links (by user and
// provider). It wraps a store.Store as a decorator, like dbcrypt, and keeps
// what the hot path would otherwise read from the database on each request.
//
// It is only correct when every write to those rows passes through it: a
// store used by this one process, which is what the embedded SQLite
// database is. The server does not use it with PostgreSQL, whose replicas
// write the same rows. Every method that writes a cached row invalidates
// it; a short TTL bounds what a write from outside the process (an
// operator's sqlite3 session) can leave behind.
//
// A fill races with an invalidation as usual: a row read before a write
// and stored after the write's invalidation would be stale. Each cache has
// a generation, bumped by every invalidation; a fill that saw another
// generation when it started is not stored.
package cache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Defaults for zero Options fields.
const (
	DefaultTTL        = 5 * time.Second
	DefaultMaxEntries = 16384
)

// Options tune the cache.
type Options struct {
	// TTL is how long a row is reused without reading it again.
	TTL time.Duration
	// MaxEntries bounds each table's cache.
	MaxEntries int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Store is the caching decorator; Stats reports its effectiveness.
type Store struct {
	store.Store
	keys  *table[string, store.APIKey]
	links *table[linkID, store.ExternalAuthLink]
}

type linkID struct {
	user     uuid.UUID
	provider string
}

// New wraps inner.
func New(inner store.Store, o Options) *Store {
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Store{
		Store: inner,
		keys:  newTable[string, store.APIKey](o),
		links: newTable[linkID, store.ExternalAuthLink](o),
	}
}

// Unwrap returns the decorated store.
func (s *Store) Unwrap() store.Store { return s.Store }

// Stats are hit and miss counts since start.
type Stats struct {
	KeyHits, KeyMisses   int64
	LinkHits, LinkMisses int64
}

// Stats returns the hit and miss counts.
func (s *Store) Stats() Stats {
	return Stats{
		KeyHits: s.keys.hits.Load(), KeyMisses: s.keys.misses.Load(),
		LinkHits: s.links.hits.Load(), LinkMisses: s.links.misses.Load(),
	}
}

// ---------------------------------------------------------------- keys

// GetAPIKeyByID returns the cached row, or reads and caches it.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	if k, ok := s.keys.get(id); ok {
		return cloneKey(k), nil
	}
	gen := s.keys.generation()
	k, err := s.Store.GetAPIKeyByID(ctx, id)
	if err != nil {
		return k, err
	}
	s.keys.put(id, cloneKey(k), gen)
	return k, nil
}

func (s *Store) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	defer s.keys.invalidate(k.ID)
	return s.Store.InsertAPIKey(ctx, k)
}

func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	defer s.keys.invalidate(id)
	return s.Store.DeleteAPIKey(ctx, id)
}

func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	defer s.keys.invalidate(id)
	return s.Store.UpdateAPIKeyUsage(ctx, id, lastUsed, expiresAt)
}

func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	defer s.keys.invalidateAll()
	return s.Store.DeleteExpiredAPIKeys(ctx, before)
}

// cloneKey copies the key's hash, so that no caller can alter the cached
// row through the slice.
func cloneKey(k store.APIKey) store.APIKey {
	k.HashedSecret = append([]byte(nil), k.HashedSecret...)
	return k
}

// ---------------------------------------------------------------- links

// GetExternalAuthLink returns the cached row, or reads and caches it.
func (s *Store) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	id := linkID{userID, providerID}
	if l, ok := s.links.get(id); ok {
		return l, nil
	}
	gen := s.links.generation()
	l, err := s.Store.GetExternalAuthLink(ctx, userID, providerID)
	if err != nil {
		return l, err
	}
	s.links.put(id, l, gen)
	return l, nil
}

func (s *Store) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	defer s.links.invalidate(linkID{l.UserID, l.ProviderID})
	return s.Store.UpsertExternalAuthLink(ctx, l)
}

func (s *Store) DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error {
	defer s.links.invalidate(linkID{userID, providerID})
	return s.Store.DeleteExternalAuthLink(ctx, userID, providerID)
}

func (s *Store) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	defer s.links.invalidate(linkID{l.UserID, l.ProviderID})
	return s.Store.UpdateExternalAuthLinkTokens(ctx, l, oldRefreshToken)
}

// ---------------------------------------------------------------- table

// table is one cache: rows by id, each with the time it was read.
type table[K comparable, V any] struct {
	ttl time.Duration
	max int
	now func() time.Time

	gen    atomic.Uint64
	hits   atomic.Int64
	misses atomic.Int64

	mu sync.RWMutex
	m  map[K]entry[V]
}

type entry[V any] struct {
	v       V
	expires time.Time
}

func newTable[K comparable, V any](o Options) *table[K, V] {
	return &table[K, V]{ttl: o.TTL, max: o.MaxEntries, now: o.Now, m: make(map[K]entry[V])}
}

func (t *table[K, V]) get(k K) (V, bool) {
	t.mu.RLock()
	e, ok := t.m[k]
	t.mu.RUnlock()
	if ok && t.now().Before(e.expires) {
		t.hits.Add(1)
		return e.v, true
	}
	t.misses.Add(1)
	var zero V
	return zero, false
}

func (t *table[K, V]) generation() uint64 { return t.gen.Load() }

// put stores v unless an invalidation happened since gen was read.
func (t *table[K, V]) put(k K, v V, gen uint64) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen.Load() != gen {
		return
	}
	if _, ok := t.m[k]; !ok && len(t.m) >= t.max {
		for key, e := range t.m {
			if !now.Before(e.expires) {
				delete(t.m, key)
			}
		}
		for key := range t.m {
			if len(t.m) < t.max {
				break
			}
			delete(t.m, key)
		}
	}
	t.m[k] = entry[V]{v: v, expires: now.Add(t.ttl)}
}

func (t *table[K, V]) invalidate(k K) {
	t.mu.Lock()
	t.gen.Add(1)
	delete(t.m, k)
	t.mu.Unlock()
}

func (t *table[K, V]) invalidateAll() {
	t.mu.Lock()
	t.gen.Add(1)
	clear(t.m)
	t.mu.Unlock()
}
