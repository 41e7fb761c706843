package identity

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

func TestUserCacheBoundedAndExpiring(t *testing.T) {
	c := newUserCache(30*time.Second, 8)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids []uuid.UUID
	for range 100 {
		u := store.User{ID: uuid.New()}
		ids = append(ids, u.ID)
		c.put(u, now)
		check(t, len(c.m) <= 8, "cache holds %d entries, bound 8", len(c.m))
	}
	last := ids[len(ids)-1]
	_, ok := c.get(last, now.Add(29*time.Second))
	check(t, ok, "fresh entry missing")
	_, ok = c.get(last, now.Add(30*time.Second))
	check(t, !ok, "expired entry served")

	// update keeps the age and only touches cached rows.
	u := store.User{ID: uuid.New(), Username: "a"}
	c.put(u, now)
	u.Username = "b"
	c.update(u)
	got, _ := c.get(u.ID, now.Add(10*time.Second))
	equal(t, got.Username, "b", "updated row")
	_, ok = c.get(u.ID, now.Add(30*time.Second))
	check(t, !ok, "update extended the age")
	stranger := store.User{ID: uuid.New()}
	c.update(stranger)
	_, ok = c.get(stranger.ID, now)
	check(t, !ok, "update inserted a row")
}

func TestAuthenticateUserGone(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{})
	mustOK(t, err)
	f.st.mu.Lock()
	delete(f.st.users, owner.User.ID)
	f.st.mu.Unlock()
	f.clock.Advance(defaultUserCacheTTL)
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnauthorized)
}
