package identity

import (
	"fmt"
	"testing"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
)

func TestLoginRateLimitPerEmail(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.LoginRateLimit = 3 })
	f.owner() // one successful login already counted for owner@example.com
	f.clock.Advance(time.Minute)

	for i := range 3 {
		_, _, err := f.svc.Login(f.ctx, "owner@example.com", "wrong-password", fmt.Sprintf("10.0.0.%d", i))
		requireKind(t, err, errs.KindUnauthorized)
	}
	f.clock.Advance(20 * time.Second)
	// Another IP, other case: the email is still limited, even with the right password.
	_, _, err := f.svc.Login(f.ctx, "OWNER@example.com", testPassword, "10.9.9.9")
	e := requireKind(t, err, errs.KindTooMany)
	equal(t, e.RetryAfter, 40, "retry after")
	check(t, e.Message != "", "no message")

	f.clock.Advance(40 * time.Second) // the window has passed
	_, _, err = f.svc.Login(f.ctx, "owner@example.com", testPassword, "10.9.9.9")
	mustOK(t, err)
}

func TestLoginRateLimitPerIP(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.LoginRateLimit = 2 })
	for i := range 2 {
		_, _, err := f.svc.Login(f.ctx, fmt.Sprintf("u%d@example.com", i), "whatever1", "192.0.2.1")
		requireKind(t, err, errs.KindUnauthorized)
	}
	_, _, err := f.svc.Login(f.ctx, "u9@example.com", "whatever1", "192.0.2.1")
	e := requireKind(t, err, errs.KindTooMany)
	check(t, e.RetryAfter >= 1 && e.RetryAfter <= 60, "retry after %d", e.RetryAfter)
	// Another IP is not limited.
	_, _, err = f.svc.Login(f.ctx, "u8@example.com", "whatever1", "192.0.2.2")
	requireKind(t, err, errs.KindUnauthorized)
	f.clock.Advance(time.Minute)
	_, _, err = f.svc.Login(f.ctx, "u9@example.com", "whatever1", "192.0.2.1")
	requireKind(t, err, errs.KindUnauthorized)
}

func TestRateLimiterBoundedMemory(t *testing.T) {
	r := newRateLimiter(5, time.Minute, 10)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1000 {
		ok, _ := r.allow(now, fmt.Sprintf("k%d", i))
		check(t, ok, "fresh key %d refused", i)
		check(t, r.size() <= 10, "size %d exceeds bound", r.size())
	}
	// Expired entries are swept.
	now = now.Add(2 * time.Minute)
	r.allow(now, "fresh")
	equal(t, r.size(), 1, "size after the window passed")
}

func TestRateLimiterRefusalRecordsNothing(t *testing.T) {
	r := newRateLimiter(1, time.Minute, 100)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ok, _ := r.allow(now, "ip:a", "email:x")
	check(t, ok, "first refused")
	ok, retry := r.allow(now.Add(59*time.Second+time.Millisecond), "ip:a", "email:y")
	check(t, !ok && retry == 1, "second: ok=%v retry=%d", ok, retry)
	// email:y was not charged for the refused attempt.
	ok, _ = r.allow(now.Add(59*time.Second), "ip:b", "email:y")
	check(t, ok, "email:y charged by a refused attempt")
}

func TestRateLimitDisabled(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.LoginRateLimit = -1 })
	for range 50 {
		_, _, err := f.svc.Login(f.ctx, "x@example.com", "whatever1", "192.0.2.1")
		requireKind(t, err, errs.KindUnauthorized)
	}
	equal(t, New(newFakeStore(), Config{PasswordParams: cheapParams}, nil).cfg.LoginRateLimit, DefaultLoginRateLimit, "default limit")
}
