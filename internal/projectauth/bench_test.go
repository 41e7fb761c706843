package projectauth

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkList lists a project of 500 authorizations whose status checks
// are all cached: the ServiceStage list as it runs under load.
func BenchmarkList(b *testing.B) {
	_, st, ext, owner := cachedSetup(b)
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
