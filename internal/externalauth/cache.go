package externalauth

import (
	"crypto/sha256"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/ttlcache"
)

// maxCacheEntries bounds a linkCache.
const maxCacheEntries = 10000

// linkCache remembers one value per (user, provider) link, for the token
// it was computed with: a value computed for another token (a refresh, a
// relink) is not returned. Entries never hold a token, only its SHA-256.
type linkCache[V any] struct {
	c *ttlcache.Cache[linkKey, tokenValue[V]]
}

type linkKey struct {
	user     uuid.UUID
	provider string
}

type tokenValue[V any] struct {
	digest [sha256.Size]byte
	v      V
}

func newLinkCache[V any](now func() time.Time) *linkCache[V] {
	return &linkCache[V]{c: ttlcache.New[linkKey, tokenValue[V]](ttlcache.Options{
		MaxEntries: maxCacheEntries, TTL: DefaultValidateCacheTTL, Now: now})}
}

// tokenDigest is what the cache keeps of a token.
func tokenDigest(token string) [sha256.Size]byte { return sha256.Sum256([]byte(token)) }

func (c *linkCache[V]) get(k linkKey, digest [sha256.Size]byte) (V, bool) {
	e, ok := c.c.Get(k)
	if !ok || e.digest != digest {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *linkCache[V]) put(k linkKey, digest [sha256.Size]byte, v V, ttl time.Duration) {
	c.c.SetTTL(k, tokenValue[V]{digest: digest, v: v}, ttl)
}

// invalidate drops what is cached about one link.
func (c *linkCache[V]) invalidate(k linkKey) { c.c.Invalidate(k) }

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
