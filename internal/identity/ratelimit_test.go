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
	f.clock.Advance(5 * time.Second)
	// Another IP, other case: the email is still limited, even with the right password.
	_, _, err := f.svc.Login(f.ctx, "OWNER@example.com", testPassword, "10.9.9.9")
	e := requireKind(t, err, errs.KindTooMany)
	equal(t, e.RetryAfter, 15, "retry after: one attempt comes back every minute/3")
	check(t, e.Message != "", "no message")

	f.clock.Advance(15 * time.Second)
	_, _, err = f.svc.Login(f.ctx, "owner@example.com", testPassword, "10.9.9.9")
	mustOK(t, err)
	_, _, err = f.svc.Login(f.ctx, "owner@example.com", testPassword, "10.9.9.9")
	requireKind(t, err, errs.KindTooMany)
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

func TestRateLimitDisabled(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.LoginRateLimit = -1 })
	for range 50 {
		_, _, err := f.svc.Login(f.ctx, "x@example.com", "whatever1", "192.0.2.1")
		requireKind(t, err, errs.KindUnauthorized)
	}
	equal(t, New(newFakeStore(), Config{PasswordParams: cheapParams}, nil).cfg.LoginRateLimit, DefaultLoginRateLimit, "default limit")
}
