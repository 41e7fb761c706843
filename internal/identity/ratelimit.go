package identity

import (
	"sync"
	"time"
)

// rateLimiter counts events per key in fixed windows that start at a key's
// first event. Memory is bounded: entries whose window has ended are swept
// at least once a window, and when the table is full an arbitrary entry is
// dropped (an attacker flooding new keys can at worst reset one other key's
// count, never block anyone).
type rateLimiter struct {
	limit   int
	window  time.Duration
	maxKeys int

	mu        sync.Mutex
	entries   map[string]*rateEntry
	lastSweep time.Time
}

type rateEntry struct {
	start time.Time
	count int
}

func newRateLimiter(limit int, window time.Duration, maxKeys int) *rateLimiter {
	return &rateLimiter{limit: limit, window: window, maxKeys: maxKeys, entries: make(map[string]*rateEntry)}
}

// allow records one event for every key if none of them is over its limit,
// and returns true. Otherwise it records nothing and returns false with the
// number of seconds (at least 1) until the most limited key is allowed
// again. Empty keys are ignored.
func (r *rateLimiter) allow(now time.Time, keys ...string) (bool, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.lastSweep) >= r.window || now.Before(r.lastSweep) {
		r.sweep(now)
	}
	var wait time.Duration
	for _, k := range keys {
		if k == "" {
			continue
		}
		e, ok := r.entries[k]
		if !ok || r.expired(e, now) {
			continue
		}
		if e.count >= r.limit {
			wait = max(wait, e.start.Add(r.window).Sub(now))
		}
	}
	if wait > 0 {
		return false, max(1, int((wait+time.Second-1)/time.Second))
	}
	for _, k := range keys {
		if k == "" {
			continue
		}
		e, ok := r.entries[k]
		if !ok || r.expired(e, now) {
			if !ok && len(r.entries) >= r.maxKeys {
				r.sweep(now)
				for victim := range r.entries {
					if len(r.entries) < r.maxKeys {
						break
					}
					delete(r.entries, victim)
				}
			}
			e = &rateEntry{start: now}
			r.entries[k] = e
		}
		e.count++
	}
	return true, 0
}

func (r *rateLimiter) expired(e *rateEntry, now time.Time) bool {
	return now.Sub(e.start) >= r.window || now.Before(e.start)
}

func (r *rateLimiter) sweep(now time.Time) {
	for k, e := range r.entries {
		if r.expired(e, now) {
			delete(r.entries, k)
		}
	}
	r.lastSweep = now
}

// size returns the number of tracked keys.
func (r *rateLimiter) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.entries)
}
