package identity

import (
	"context"
	"testing"
	"time"
)

// BenchmarkAuthenticate verifies a session key against the in-memory fake
// store: parse, key read, constant-time hash comparison, cached user.
func BenchmarkAuthenticate(b *testing.B) {
	ctx := context.Background()
	svc := New(newFakeStore(), Config{LoginRateLimit: -1, PasswordParams: cheapParams}, nil)
	if _, err := svc.CreateFirstUser(ctx, NewUser{Email: "owner@example.com", Username: "owner", Password: testPassword}); err != nil {
		b.Fatal(err)
	}
	raw, _, err := svc.Login(ctx, "owner@example.com", testPassword, "")
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

// BenchmarkAuthenticateRejected is a well-formed key with a wrong secret.
func BenchmarkAuthenticateRejected(b *testing.B) {
	ctx := context.Background()
	svc := New(newFakeStore(), Config{LoginRateLimit: -1, PasswordParams: cheapParams, Now: func() time.Time { return time.Now() }}, nil)
	if _, err := svc.CreateFirstUser(ctx, NewUser{Email: "owner@example.com", Username: "owner", Password: testPassword}); err != nil {
		b.Fatal(err)
	}
	raw, _, err := svc.Login(ctx, "owner@example.com", testPassword, "")
	if err != nil {
		b.Fatal(err)
	}
	bad := raw[:len(raw)-1] + "x"
	if bad == raw {
		bad = raw[:len(raw)-1] + "y"
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Authenticate(ctx, bad); err == nil {
			b.Fatal("a wrong secret authenticated")
		}
	}
}
