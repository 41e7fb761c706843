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
type Cache[K comparable, V any] struct {
	c   *otter.Cache[K, item[V]]
	ttl time.Duration

	gen    atomic.Uint64
	hits   atomic.Int64
	misses atomic.Int64
}

// item is a stored value with its own time to live.
type item[V any] struct {
	v   V
	ttl time.Duration
}

// New returns an empty cache.
func New[K comparable, V any](o Options) *Cache[K, V] {
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	opts := &otter.Options[K, item[V]]{
		ExpiryCalculator: otter.ExpiryWritingFunc(func(e otter.Entry[K, item[V]]) time.Duration {
			return e.Value.ttl
		}),
	}
	if o.Weight != nil {
		weight := o.Weight
		opts.MaximumWeight = uint64(o.MaxEntries)
		opts.Weigher = func(_ K, it item[V]) uint32 { return max(weight(it.v), 1) }
	} else {
		opts.MaximumSize = o.MaxEntries
	}
	if o.Now != nil {
		opts.Clock = clock{o.Now}
	}
	return &Cache[K, V]{c: otter.Must(opts), ttl: o.TTL}
}

// Get returns the value stored for k, if it has not expired.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	it, ok := c.c.GetIfPresent(k)
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
	c.c.Set(k, item[V]{v: v, ttl: ttl})
}

// Generation is the count of invalidations so far; pass it to Fill.
func (c *Cache[K, V]) Generation() uint64 { return c.gen.Load() }

// Fill stores v, read from the source of truth after Generation returned
// gen, unless an invalidation happened since.
func (c *Cache[K, V]) Fill(k K, v V, gen uint64) {
	c.c.Compute(k, func(old item[V], found bool) (item[V], otter.ComputeOp) {
		// Invalidate bumps the generation before it takes this key's
		// bucket lock, which Compute holds: either the invalidation
		// is seen here, or it removes what is stored now.
		if c.gen.Load() != gen {
			return old, otter.CancelOp
		}
		return item[V]{v: v, ttl: c.ttl}, otter.WriteOp
	})
}

// Invalidate drops k.
func (c *Cache[K, V]) Invalidate(k K) {
	c.gen.Add(1)
	c.c.Invalidate(k)
}

// InvalidateAll drops every entry.
func (c *Cache[K, V]) InvalidateAll() {
	c.gen.Add(1)
	c.c.InvalidateAll()
}

// InvalidateIf drops the entries whose key matches (a walk of the whole
// cache: for rare writes that touch many keys).
func (c *Cache[K, V]) InvalidateIf(match func(K) bool) {
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
