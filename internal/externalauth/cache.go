package externalauth

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"sync/atomic"
	"time"
)

// maxCacheEntries bounds a ttlCache; past it, expired entries are swept and,
// if that is not enough, everything is dropped.
const maxCacheEntries = 10000

// ttlCache remembers values per (user, provider) group and token digest
// until they expire. Grouping lets an unlink or relink drop every entry of
// one link at once. Keys never contain a token, only its SHA-256.
type ttlCache[V any] struct {
	mu     sync.Mutex
	groups map[string]map[string]cacheEntry[V]
	n      int
}

type cacheEntry[V any] struct {
	val V
	exp time.Time
}

func newTTLCache[V any]() *ttlCache[V] {
	return &ttlCache[V]{groups: make(map[string]map[string]cacheEntry[V])}
}

// tokenDigest is the cache key of a token.
func tokenDigest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (c *ttlCache[V]) get(group, key string, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	e, ok := c.groups[group][key]
	if !ok {
		return zero, false
	}
	if !now.Before(e.exp) {
		delete(c.groups[group], key)
		c.n--
		if len(c.groups[group]) == 0 {
			delete(c.groups, group)
		}
		return zero, false
	}
	return e.val, true
}

func (c *ttlCache[V]) put(group, key string, v V, exp time.Time, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n >= maxCacheEntries {
		c.sweep(now)
	}
	g := c.groups[group]
	if g == nil {
		g = make(map[string]cacheEntry[V])
		c.groups[group] = g
	}
	if _, ok := g[key]; !ok {
		c.n++
	}
	g[key] = cacheEntry[V]{val: v, exp: exp}
}

// sweep drops expired entries, or everything if too few expired. c.mu is
// held.
func (c *ttlCache[V]) sweep(now time.Time) {
	for gk, g := range c.groups {
		for k, e := range g {
			if !now.Before(e.exp) {
				delete(g, k)
				c.n--
			}
		}
		if len(g) == 0 {
			delete(c.groups, gk)
		}
	}
	if c.n >= maxCacheEntries*9/10 {
		c.groups = make(map[string]map[string]cacheEntry[V])
		c.n = 0
	}
}

// invalidate drops every entry of a group.
func (c *ttlCache[V]) invalidate(group string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n -= len(c.groups[group])
	delete(c.groups, group)
}

// atomicTime is a time.Time that can be read and swapped concurrently.
type atomicTime struct{ ns atomic.Int64 }

// advance sets t to now if t is older than now-every, and reports whether
// it did (exactly one of concurrent callers wins).
func (t *atomicTime) advance(now time.Time, every time.Duration) bool {
	old := t.ns.Load()
	if now.Sub(time.Unix(0, old)) < every {
		return false
	}
	return t.ns.CompareAndSwap(old, now.UnixNano())
}
