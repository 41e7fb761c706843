package identity_test

import (
	"context"
	"testing"

	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store/cache"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// BenchmarkAuthenticateSQLite verifies a session key against the embedded
// SQLite store in memory, as the server does on every request.
func BenchmarkAuthenticateSQLite(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := identity.New(st, identity.Config{LoginRateLimit: -1,
		PasswordParams: identity.PasswordParams{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}, nil)
	if _, err := svc.CreateFirstUser(ctx, identity.NewUser{Email: "owner@example.com", Username: "owner", Password: "correct-horse-battery"}); err != nil {
		b.Fatal(err)
	}
	raw, _, err := svc.Login(ctx, "owner@example.com", "correct-horse-battery", "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Authenticate(ctx, raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateSQLiteCached is BenchmarkAuthenticateSQLite with the
// in-process cache the server puts in front of the embedded database.
func BenchmarkAuthenticateSQLiteCached(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := identity.New(cache.New(st, cache.Options{}), identity.Config{LoginRateLimit: -1,
		PasswordParams: identity.PasswordParams{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}, nil)
	if _, err := svc.CreateFirstUser(ctx, identity.NewUser{Email: "owner@example.com", Username: "owner", Password: "correct-horse-battery"}); err != nil {
		b.Fatal(err)
	}
	raw, _, err := svc.Login(ctx, "owner@example.com", "correct-horse-battery", "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Authenticate(ctx, raw); err != nil {
			b.Fatal(err)
		}
	}
}
