package dbcrypt_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// BenchmarkDecrypt is the cost of decrypting one provider token (a GitHub
// token is 40 characters).
func BenchmarkDecrypt(b *testing.B) {
	c, err := dbcrypt.NewCipher(testKey(0))
	if err != nil {
		b.Fatal(err)
	}
	ct, err := c.Encrypt("gho_16C7e42F292c6912E7710c838347Ae178B4a")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decrypt(ct); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetExternalAuthLink reads and decrypts a link (access and
// refresh token) through the decorator over an in-memory SQLite store:
// what reading a link costs on the request path.
func BenchmarkGetExternalAuthLink(b *testing.B) {
	ctx := context.Background()
	inner, err := sqlite.Open(ctx, sqlite.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer inner.Close()
	c, err := dbcrypt.NewCipher(testKey(0))
	if err != nil {
		b.Fatal(err)
	}
	s, err := dbcrypt.New(inner, []dbcrypt.Cipher{c})
	if err != nil {
		b.Fatal(err)
	}
	user := uuid.New()
	if err := s.InsertUser(ctx, store.User{ID: user, Email: "bench@example.com", Username: "bench",
		Status: "active", LoginType: store.LoginTypePassword}); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	if err := s.UpsertExternalAuthLink(ctx, store.ExternalAuthLink{UserID: user, ProviderID: "github",
		AccessToken: "gho_16C7e42F292c6912E7710c838347Ae178B4a", RefreshToken: "ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
		ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.GetExternalAuthLink(ctx, user, "github"); err != nil {
			b.Fatal(err)
		}
	}
}
