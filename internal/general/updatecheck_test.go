package general

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// feed serves body with status and counts requests.
func feed(t *testing.T, status int, body string, delay time.Duration) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestUpdateCheck(t *testing.T) {
	const release = `{"tag_name": "v1.2.3", "html_url": "https://example.com/releases/v1.2.3", "name": "ignored"}`
	tests := []struct {
		name    string
		current string
		status  int
		body    string
		delay   time.Duration
		want    UpdateResult
	}{
		{name: "newer release", current: "v1.2.2", status: 200, body: release,
			want: UpdateResult{Current: false, Version: "v1.2.3", URL: "https://example.com/releases/v1.2.3"}},
		{name: "older release", current: "v1.3.0", status: 200, body: release,
			want: UpdateResult{Current: true, Version: "v1.2.3", URL: "https://example.com/releases/v1.2.3"}},
		{name: "equal", current: "1.2.3", status: 200, body: release,
			want: UpdateResult{Current: true, Version: "v1.2.3", URL: "https://example.com/releases/v1.2.3"}},
		{name: "pre-release of the latest", current: "v1.2.3-rc.1", status: 200, body: release,
			want: UpdateResult{Current: false, Version: "v1.2.3", URL: "https://example.com/releases/v1.2.3"}},
		{name: "devel build", current: "v0.0.0-devel", status: 200, body: release,
			want: UpdateResult{Current: false, Version: "v1.2.3", URL: "https://example.com/releases/v1.2.3"}},
		{name: "garbage", current: "v1.0.0", status: 200, body: "<html>nope",
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
		{name: "no tag", current: "v1.0.0", status: 200, body: `{"html_url": "x"}`,
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
		{name: "bad tag", current: "v1.0.0", status: 200, body: `{"tag_name": "nightly"}`,
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
		{name: "unparsable running version", current: "devel", status: 200, body: release,
			want: UpdateResult{Current: true, Version: "devel", URL: "running"}},
		{name: "server error", current: "v1.0.0", status: 500, body: release,
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
		{name: "not found", current: "v1.0.0", status: 404, body: `{}`,
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
		{name: "slow", current: "v1.0.0", status: 200, body: release, delay: 2 * time.Second,
			want: UpdateResult{Current: true, Version: "v1.0.0", URL: "running"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, hits := feed(t, tt.status, tt.body, tt.delay)
			c := NewUpdateChecker(true, srv.URL, tt.current, srv.Client(), nil)
			c.CurrentURL = "running"
			c.timeout = 100 * time.Millisecond
			start := time.Now()
			got := c.Check(context.Background())
			if got != tt.want {
				t.Errorf("Check = %+v, want %+v", got, tt.want)
			}
			if tt.delay > 0 && time.Since(start) > time.Second {
				t.Errorf("slow feed took %v, want the timeout", time.Since(start))
			}
			// The answer is cached, success or failure.
			if again := c.Check(context.Background()); again != got {
				t.Errorf("second Check = %+v, want %+v", again, got)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("feed fetched %d times, want 1", n)
			}
		})
	}
}

func TestUpdateCheckOffMakesNoRequest(t *testing.T) {
	srv, hits := feed(t, 200, `{"tag_name": "v9.9.9"}`, 0)
	for _, c := range []*UpdateChecker{
		NewUpdateChecker(false, srv.URL, "v1.0.0", srv.Client(), nil),
		NewUpdateChecker(true, "", "v1.0.0", srv.Client(), nil),
	} {
		got := c.Check(context.Background())
		if !got.Current || got.Version != "v1.0.0" || got.URL != CurrentBuildInfo().ExternalURL {
			t.Errorf("Check = %+v", got)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("feed was fetched %d times", hits.Load())
	}
}

func TestUpdateCheckCacheExpiry(t *testing.T) {
	srv, hits := feed(t, 200, `{"tag_name": "v2.0.0", "html_url": "u"}`, 0)
	c := NewUpdateChecker(true, srv.URL, "v1.0.0", srv.Client(), nil)
	now := time.Unix(1_700_000_000, 0)
	c.now = func() time.Time { return now }

	c.Check(context.Background())
	now = now.Add(59 * time.Minute)
	c.Check(context.Background())
	if hits.Load() != 1 {
		t.Fatalf("fetched %d times within the hour", hits.Load())
	}
	now = now.Add(2 * time.Minute)
	if got := c.Check(context.Background()); got.Current || got.Version != "v2.0.0" {
		t.Fatalf("Check = %+v", got)
	}
	if hits.Load() != 2 {
		t.Fatalf("fetched %d times after the hour, want 2", hits.Load())
	}
}

func TestUpdateCheckFailureRetriedSooner(t *testing.T) {
	srv, hits := feed(t, 503, ``, 0)
	c := NewUpdateChecker(true, srv.URL, "v1.0.0", srv.Client(), nil)
	now := time.Unix(1_700_000_000, 0)
	c.now = func() time.Time { return now }
	c.Check(context.Background())
	now = now.Add(2 * time.Minute)
	c.Check(context.Background())
	if hits.Load() != 2 {
		t.Fatalf("fetched %d times, want a retry after a minute", hits.Load())
	}
}

func TestUpdateCheckConcurrentCallsShareOneFetch(t *testing.T) {
	srv, hits := feed(t, 200, `{"tag_name": "v2.0.0"}`, 50*time.Millisecond)
	c := NewUpdateChecker(true, srv.URL, "v1.0.0", srv.Client(), nil)
	results := make(chan UpdateResult, 10)
	for range 10 {
		go func() { results <- c.Check(context.Background()) }()
	}
	for range 10 {
		if r := <-results; r.Version != "v2.0.0" {
			t.Errorf("Check = %+v", r)
		}
	}
	if hits.Load() != 1 {
		t.Errorf("fetched %d times, want 1", hits.Load())
	}
}

func TestUpdateCheckCallerCancels(t *testing.T) {
	srv, _ := feed(t, 200, `{"tag_name": "v2.0.0"}`, 200*time.Millisecond)
	c := NewUpdateChecker(true, srv.URL, "v1.0.0", srv.Client(), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	got := c.Check(ctx)
	if !got.Current || got.Version != "v1.0.0" || time.Since(start) > 150*time.Millisecond {
		t.Fatalf("Check = %+v after %v", got, time.Since(start))
	}
	// The fetch carried on and a later call sees its result.
	if got := c.Check(context.Background()); got.Version != "v2.0.0" {
		t.Fatalf("later Check = %+v", got)
	}
}
