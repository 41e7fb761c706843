package projectauth

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	storecache "github.com/gitauthd/gitauthd/internal/store/cache"
)

// BenchmarkList lists a project of 500 authorizations whose status checks
// are all cached: the ServiceStage list as it runs under load.
func BenchmarkList(b *testing.B) {
	f := fakeprovider.StartTest(b, fakeprovider.Options{Dialect: fakeprovider.RFC})
	f.AddUser(fakeprovider.User{Login: "tom"})
	inner, owner := newStore(b)
	st := storecache.New(inner, storecache.Options{}) // as the server composes it
	u, _ := url.Parse("https://gitauthd.test")
	providers, err := externalauth.NewProviders([]externalauth.Config{gitlabConfig(f)}, u)
	if err != nil {
		b.Fatal(err)
	}
	ext := externalauth.New(externalauth.Options{Providers: providers, Store: st, Holder: uuid.NewString(),
		AccessURL: u, ProviderTimeout: 3 * time.Second})
	s := New(Options{Store: st, ExternalAuth: ext, CheckCacheTTL: time.Hour})
	for i := range 500 {
		oauth(b, s, owner, fmt.Sprintf("auth-%03d", i))
	}
	ctx := context.Background()
	for range 2 { // fill the check cache
		if _, err := s.List(ctx, owner, "p1"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.List(ctx, owner, "p1"); err != nil {
			b.Fatal(err)
		}
	}
}
