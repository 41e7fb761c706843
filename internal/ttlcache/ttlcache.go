// Package ttlcache is gitauthd's one in-memory cache: bounded by a number
// of entries, each entry kept for at most a time to live, built on
// github.com/maypok86/otter/v2 (S3-FIFO eviction, lock-free reads). Every
// cache of the service (the store's hot rows, provider validations, the
// status checks of project authorizations) is one of these, so that each
// is bounded and expires the same way.
//
// A fill races with an invalidation as usual: a value read from the
// database before a write and stored after the write's invalidation would
// be stale until it expires. Fill takes the generation read before the
// database was asked (Generation) and stores nothing if any invalidation
// happened since.
package ttlcache

import (
	"sync/atomic"
	"time"

	"github.com/maypok86/otter/v2"
)

// Options configure a cache. Zero fields take the defaults.
type Options struct {
	// MaxEntries bounds the cache; default 10000.
	MaxEntries int
	// TTL is how long an entry is kept after it was stored; default 5 s.
	TTL time.Duration
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// Weight, when set, is what a value counts against MaxEntries (a
	// list's length, say) instead of 1.
	Weight func(any) uint32
}

// Defaults of zero Options fields.
const (
	DefaultMaxEntries = 10000
	DefaultTTL        = 5 * time.Second
)

// Cache maps K to V. It is safe for concurrent use.
//
// Inside, every cache is an otter cache of strings to pointers: Go
// compiles one copy of generic code per shape of its type arguments, and
// otter's code is large, so one shape for all caches keeps the binary (and
// the resident set, which maps it) small. key turns a K into that string.
type Cache[K comparable, V any] struct {
	c   *otter.Cache[string, *item[V]]
	key func(K) string
	ttl time.Duration

	gen    atomic.Uint64
	hits   atomic.Int64
	misses atomic.Int64
}

// item is a stored value with its own time to live. Values are stored by
// pointer: every cache then shares one instantiation of otter's generic
// code per key type (Go compiles one copy per shape, and all pointers
// have one), which keeps the binary, and the resident set, small.
type item[V any] struct {
	v   V
	ttl time.Duration
}

// String is the key function of a cache keyed by strings.
func String(k string) string { return k }

// New returns an empty cache whose keys key encodes (distinct keys must
// give distinct strings).
func New[K comparable, V any](o Options, key func(K) string) *Cache[K, V] {
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	opts := &otter.Options[string, *item[V]]{
		ExpiryCalculator: otter.ExpiryWritingFunc(func(e otter.Entry[string, *item[V]]) time.Duration {
			return e.Value.ttl
		}),
	}
	if o.Weight != nil {
		weight := o.Weight
		opts.MaximumWeight = uint64(o.MaxEntries)
		opts.Weigher = func(_ string, it *item[V]) uint32 { return max(weight(it.v), 1) }
	} else {
		opts.MaximumSize = o.MaxEntries
	}
	if o.Now != nil {
		opts.Clock = clock{o.Now}
	}
	return &Cache[K, V]{c: otter.Must(opts), key: key, ttl: o.TTL}
}

// Get returns the value stored for k, if it has not expired.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	it, ok := c.c.GetIfPresent(c.key(k))
	if ok {
		c.hits.Add(1)
		return it.v, true
	}
	c.misses.Add(1)
	var zero V
	return zero, false
}

// Set stores v for the cache's TTL.
func (c *Cache[K, V]) Set(k K, v V) { c.SetTTL(k, v, c.ttl) }

// SetTTL stores v for ttl instead of the cache's TTL; a ttl of zero or
// less stores nothing.
func (c *Cache[K, V]) SetTTL(k K, v V, ttl time.Duration) {
	if ttl <= 0 {
		return
	}
	c.c.Set(c.key(k), &item[V]{v: v, ttl: ttl})
}

// Generation is the count of invalidations so far; pass it to Fill.
func (c *Cache[K, V]) Generation() uint64 { return c.gen.Load() }

// Fill stores v, read from the source of truth after Generation returned
// gen, unless an invalidation happened since.
func (c *Cache[K, V]) Fill(k K, v V, gen uint64) { c.FillTTL(k, v, gen, c.ttl) }

// FillTTL is Fill for ttl instead of the cache's TTL; a ttl of zero or less
// stores nothing.
func (c *Cache[K, V]) FillTTL(k K, v V, gen uint64, ttl time.Duration) {
	if ttl <= 0 {
		return
	}
	c.c.Compute(c.key(k), func(old *item[V], found bool) (*item[V], otter.ComputeOp) {
		// Invalidate bumps the generation before it takes this key's
		// bucket lock, which Compute holds: either the invalidation
		// is seen here, or it removes what is stored now.
		if c.gen.Load() != gen {
			return old, otter.CancelOp
		}
		return &item[V]{v: v, ttl: ttl}, otter.WriteOp
	})
}

// Invalidate drops k.
func (c *Cache[K, V]) Invalidate(k K) {
	c.gen.Add(1)
	c.c.Invalidate(c.key(k))
}

// InvalidateAll drops every entry.
func (c *Cache[K, V]) InvalidateAll() {
	c.gen.Add(1)
	c.c.InvalidateAll()
}

// InvalidateIf drops the entries whose encoded key matches (a walk of the
// whole cache: for rare writes that touch many keys).
func (c *Cache[K, V]) InvalidateIf(match func(key string) bool) {
	c.gen.Add(1)
	for k := range c.c.Keys() {
		if match(k) {
			c.c.Invalidate(k)
		}
	}
}

// Len is the number of entries, approximately.
func (c *Cache[K, V]) Len() int { return c.c.EstimatedSize() }

// Stats are the hits and misses of Get since New.
func (c *Cache[K, V]) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

// clock adapts a time.Now-like function to otter's clock.
type clock struct{ now func() time.Time }

func (c clock) NowNano() int64 { return c.now().UnixNano() }

// Tick: no periodic clean-up with a test clock; expired entries are
// still never returned.
func (c clock) Tick(time.Duration) <-chan time.Time { return nil }
