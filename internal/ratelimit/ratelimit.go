// Package ratelimit is the one keyed rate limiter of gitauthd: a token
// bucket per key (golang.org/x/time/rate) in a bounded, sharded table.
//
// A limit of n per window lets a burst of n through at once and then one
// request every window/n; a key whose bucket has refilled is
// indistinguishable from a new key, so idle keys are dropped. It limits the
// API per key or client IP (internal/httpmw) and sign-in attempts per email
// and client IP (internal/identity).
package ratelimit

import (
	"hash/maphash"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// shards spreads the keys over independently locked maps, so that
// concurrent requests of different clients rarely wait for each other.
const shards = 64

// DefaultMaxKeys bounds a limiter's memory unless the caller says otherwise.
const DefaultMaxKeys = 1 << 16

// Limiter allows Limit requests per Window for each key K.
type Limiter[K comparable] struct {
	limit    int
	window   time.Duration
	every    rate.Limit
	maxShard int
	seed     maphash.Seed
	shards   [shards]shard[K]
}

type shard[K comparable] struct {
	mu        sync.Mutex
	buckets   map[K]*rate.Limiter
	lastSweep time.Time
	_         [32]byte // keep shards on separate cache lines
}

// New returns a limiter of limit requests per window per key that tracks at
// most maxKeys keys (DefaultMaxKeys when not positive), or nil when limit is
// not positive: a nil *Limiter allows everything.
func New[K comparable](limit int, window time.Duration, maxKeys int) *Limiter[K] {
	if limit <= 0 || window <= 0 {
		return nil
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	l := &Limiter[K]{
		limit:    limit,
		window:   window,
		every:    rate.Every(window / time.Duration(limit)),
		maxShard: max(1, maxKeys/shards),
		seed:     maphash.MakeSeed(),
	}
	for i := range l.shards {
		l.shards[i].buckets = make(map[K]*rate.Limiter)
	}
	return l
}

// Limit and Window are the configured allowance.
func (l *Limiter[K]) Limit() int            { return l.limit }
func (l *Limiter[K]) Window() time.Duration { return l.window }

// Allow counts one request at now for every key, if none of them is over
// its limit, and returns true. Otherwise it counts nothing and returns how
// long until the most limited key may send again. A nil limiter allows
// everything.
func (l *Limiter[K]) Allow(now time.Time, keys ...K) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	if len(keys) == 1 && l.bucket(now, keys[0]).AllowN(now, 1) {
		return true, 0 // the hot path: one key, allowed, no reservation to allocate
	}
	var (
		held [2]*rate.Reservation
		rs   = held[:0]
		wait time.Duration
	)
	for _, k := range keys {
		r := l.bucket(now, k).ReserveN(now, 1)
		rs = append(rs, r)
		if d := r.DelayFrom(now); d > wait {
			wait = d
		}
	}
	if wait <= 0 {
		return true, 0
	}
	for _, r := range rs {
		r.CancelAt(now)
	}
	return false, wait
}

// bucket returns k's bucket, creating it (and making room for it) if need be.
func (l *Limiter[K]) bucket(now time.Time, k K) *rate.Limiter {
	sh := &l.shards[maphash.Comparable(l.seed, k)%shards]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if now.Sub(sh.lastSweep) >= l.window || now.Before(sh.lastSweep) {
		sh.sweep(now, l.limit)
	}
	b, ok := sh.buckets[k]
	if ok {
		return b
	}
	if len(sh.buckets) >= l.maxShard {
		sh.sweep(now, l.limit)
		for victim := range sh.buckets {
			if len(sh.buckets) < l.maxShard {
				break
			}
			delete(sh.buckets, victim)
		}
	}
	b = rate.NewLimiter(l.every, l.limit)
	sh.buckets[k] = b
	return b
}

// sweep drops the keys whose bucket has refilled.
func (sh *shard[K]) sweep(now time.Time, burst int) {
	for k, b := range sh.buckets {
		if b.TokensAt(now) >= float64(burst) {
			delete(sh.buckets, k)
		}
	}
	sh.lastSweep = now
}

// Size is the number of keys tracked.
func (l *Limiter[K]) Size() int {
	if l == nil {
		return 0
	}
	n := 0
	for i := range l.shards {
		sh := &l.shards[i]
		sh.mu.Lock()
		n += len(sh.buckets)
		sh.mu.Unlock()
	}
	return n
}

// RetrySeconds rounds a wait up to whole seconds, at least 1, as
// Retry-After wants it.
func RetrySeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}
