package identity

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// userCache keeps recently read user rows for a short time so that
// authenticating a request usually costs one store read (the key) instead of
// two. Key validity is never cached. Memory is bounded by max entries.
type userCache struct {
	ttl time.Duration
	max int

	mu sync.Mutex
	m  map[uuid.UUID]cachedUser
}

type cachedUser struct {
	user    store.User
	fetched time.Time
}

func newUserCache(ttl time.Duration, max int) *userCache {
	return &userCache{ttl: ttl, max: max, m: make(map[uuid.UUID]cachedUser)}
}

// get returns the cached row for id if it is younger than the TTL.
func (c *userCache) get(id uuid.UUID, now time.Time) (store.User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok {
		return store.User{}, false
	}
	if age := now.Sub(e.fetched); age >= c.ttl || age < 0 {
		delete(c.m, id)
		return store.User{}, false
	}
	return e.user, true
}

// put stores a row read from the store at now. When full it drops expired
// rows, then an arbitrary one.
func (c *userCache) put(u store.User, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[u.ID]; !ok && len(c.m) >= c.max {
		for id, e := range c.m {
			if now.Sub(e.fetched) >= c.ttl {
				delete(c.m, id)
			}
		}
		for id := range c.m {
			if len(c.m) < c.max {
				break
			}
			delete(c.m, id)
		}
	}
	c.m[u.ID] = cachedUser{user: u, fetched: now}
}

// update replaces a cached row after this process wrote it, keeping its age.
func (c *userCache) update(u store.User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[u.ID]; ok {
		e.user = u
		c.m[u.ID] = e
	}
}
