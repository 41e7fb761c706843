package server

import (
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// apiRateWindow is the window --rate-limit-api counts in.
const apiRateWindow = time.Minute

// rateLimiterShards spreads the keys over independently locked maps, so
// that concurrent requests of different clients rarely wait for each other.
const rateLimiterShards = 64

// rateLimiterMaxKeys bounds the memory of a limiter: past it, keys whose
// allowance has fully recovered are dropped first, then arbitrary ones.
const rateLimiterMaxKeys = 1 << 16

// rateKey is a limited client: an API key id, or an IP address for
// requests without a valid key. Two kinds keep the two spaces apart.
type rateKey struct {
	kind byte // 'k' key id, 'i' IP address
	id   string
}

// rateLimiter allows limit requests per window per key with the generic
// cell rate algorithm: a key's whole state is its theoretical arrival time
// (TAT). A burst of limit requests passes at once; after that one request
// per window/limit. A key whose TAT is in the past is indistinguishable
// from a new one, so idle keys are simply dropped.
type rateLimiter struct {
	limit    int
	window   time.Duration
	interval int64 // window/limit, ns
	maxShard int   // keys per shard
	now      func() time.Time
	seed     maphash.Seed
	shards   [rateLimiterShards]rateShard
}

type rateShard struct {
	mu        sync.Mutex
	tat       map[rateKey]int64 // unix ns
	lastSweep int64
	_         [40]byte // keep shards on separate cache lines
}

// newRateLimiter returns a limiter of limit requests per window, or nil
// (no limit) when limit is not positive.
func newRateLimiter(limit int, window time.Duration, maxKeys int, now func() time.Time) *rateLimiter {
	if limit <= 0 {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	l := &rateLimiter{
		limit:    limit,
		window:   window,
		interval: max(1, int64(window)/int64(limit)),
		maxShard: max(1, maxKeys/rateLimiterShards),
		now:      now,
		seed:     maphash.MakeSeed(),
	}
	for i := range l.shards {
		l.shards[i].tat = make(map[rateKey]int64)
	}
	return l
}

// allow counts one request of k. When k is over its limit it counts
// nothing and returns how long until k may send again.
func (l *rateLimiter) allow(k rateKey) (bool, time.Duration) {
	now := l.now().UnixNano()
	sh := &l.shards[maphash.String(l.seed, k.id)%rateLimiterShards]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if now-sh.lastSweep >= int64(l.window) {
		sh.sweep(now)
	}
	tat, known := sh.tat[k]
	if tat < now {
		tat = now
	}
	next := tat + l.interval
	if over := next - now - int64(l.window); over > 0 {
		return false, time.Duration(over)
	}
	if !known && len(sh.tat) >= l.maxShard {
		sh.sweep(now)
		for victim := range sh.tat {
			if len(sh.tat) < l.maxShard {
				break
			}
			delete(sh.tat, victim)
		}
	}
	sh.tat[k] = next
	return true, 0
}

// sweep drops the keys whose allowance has fully recovered.
func (sh *rateShard) sweep(now int64) {
	for k, tat := range sh.tat {
		if tat <= now {
			delete(sh.tat, k)
		}
	}
	sh.lastSweep = now
}

// size is the number of keys tracked.
func (l *rateLimiter) size() int {
	n := 0
	for i := range l.shards {
		sh := &l.shards[i]
		sh.mu.Lock()
		n += len(sh.tat)
		sh.mu.Unlock()
	}
	return n
}

// check counts a request of k and returns the 429 when it is over the
// limit; a nil limiter allows everything.
func (l *rateLimiter) check(k rateKey) error {
	if l == nil {
		return nil
	}
	ok, wait := l.allow(k)
	if ok {
		return nil
	}
	retry := retrySeconds(wait)
	return &errs.Error{
		Kind:       errs.KindTooMany,
		Message:    fmt.Sprintf("You've been rate limited for sending more than %d requests in %v.", l.limit, l.window),
		Detail:     fmt.Sprintf("retry after %d seconds", retry),
		RetryAfter: retry,
	}
}

// retrySeconds rounds a wait up to whole seconds, at least 1.
func retrySeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}
