package identity

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// cheapParams keep tests fast; production uses DefaultPasswordParams.
var cheapParams = PasswordParams{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

const testPassword = "correct-horse-battery"

// fakeClock is an injectable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	t     *testing.T
	ctx   context.Context
	svc   *Service
	st    *fakeStore
	clock *fakeClock
}

// newFixture builds a Service over a fake store with a fake clock; tweak
// adjusts the config before New.
func newFixture(t *testing.T, tweak func(*Config)) *fixture {
	t.Helper()
	clock := newFakeClock()
	cfg := Config{
		SessionDuration:      24 * time.Hour,
		DefaultTokenLifetime: 30 * 24 * time.Hour,
		MaxTokenLifetime:     90 * 24 * time.Hour,
		LoginRateLimit:       -1,
		PasswordParams:       cheapParams,
		Now:                  clock.Now,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	st := newFakeStore()
	return &fixture{t: t, ctx: context.Background(), svc: New(st, cfg, nil), st: st, clock: clock}
}

// owner creates the first user and returns its actor (signed in by password).
func (f *fixture) owner() Actor {
	f.t.Helper()
	_, err := f.svc.CreateFirstUser(f.ctx, NewUser{Email: "owner@example.com", Username: "owner", Name: "The Owner", Password: testPassword})
	mustOK(f.t, err)
	return f.login("owner@example.com", testPassword)
}

// member creates a member (by owner) and returns its actor.
func (f *fixture) member(owner Actor, username string) Actor {
	f.t.Helper()
	email := username + "@example.com"
	_, err := f.svc.CreateUser(f.ctx, owner, NewUser{Email: email, Username: username, Password: testPassword})
	mustOK(f.t, err)
	return f.login(email, testPassword)
}

// login signs in and authenticates the session key.
func (f *fixture) login(email, password string) Actor {
	f.t.Helper()
	raw, _, err := f.svc.Login(f.ctx, email, password, "")
	mustOK(f.t, err)
	a, err := f.svc.Authenticate(f.ctx, raw)
	mustOK(f.t, err)
	return a
}

// requireKind asserts err is an *errs.Error of kind and returns it.
func requireKind(t *testing.T, err error, kind errs.Kind) *errs.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error of kind %d, got nil", kind)
	}
	e, ok := errs.As(err)
	if !ok {
		t.Fatalf("not an *errs.Error: %v", err)
	}
	if e.Kind != kind {
		t.Fatalf("want kind %d, got %d: %v", kind, e.Kind, err)
	}
	return e
}

// requireField asserts err is KindInvalid naming field.
func requireField(t *testing.T, err error, field string) *errs.Error {
	t.Helper()
	e := requireKind(t, err, errs.KindInvalid)
	names := make([]string, len(e.Fields))
	for i, fe := range e.Fields {
		names[i] = fe.Field
	}
	if !slices.Contains(names, field) {
		t.Fatalf("want field %q named, got %v (%v)", field, names, err)
	}
	return e
}

// The test suite uses only the standard library (the module's go.sum does
// not cover testify's own dependencies); these helpers keep it terse.

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func check(t *testing.T, cond bool, format string, args ...any) {
	t.Helper()
	if !cond {
		t.Errorf(format, args...)
	}
}

func equal[T any](t *testing.T, got, want T, what string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

var _ store.Store = (*fakeStore)(nil)
