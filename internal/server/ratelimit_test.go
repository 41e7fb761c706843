package server

import (
	"fmt"
	"hash/maphash"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
)

type fakeClock struct{ t atomic.Int64 }

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.t.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.t.Add(int64(d)) }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.t.Store(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func TestRateLimiterGCRA(t *testing.T) {
	clk := newFakeClock()
	l := newRateLimiter(3, time.Minute, 1000, clk.now)
	a, b := rateKey{'k', "a"}, rateKey{'k', "b"}

	for i := range 3 {
		ok, _ := l.allow(a)
		require.True(t, ok, "request %d of a burst of 3", i)
	}
	ok, wait := l.allow(a)
	require.False(t, ok)
	assert.Equal(t, 20*time.Second, wait, "one request comes back every minute/3")

	ok, _ = l.allow(b)
	assert.True(t, ok, "keys are independent")
	ok, _ = l.allow(rateKey{'i', "a"})
	assert.True(t, ok, "an IP and a key id never share an allowance")

	clk.advance(19 * time.Second)
	ok, wait = l.allow(a)
	assert.False(t, ok)
	assert.Equal(t, time.Second, wait)
	clk.advance(time.Second)
	ok, _ = l.allow(a)
	assert.True(t, ok, "allowed again after the wait")
	ok, _ = l.allow(a)
	assert.False(t, ok)

	// After a full window of silence the whole burst is back.
	clk.advance(time.Minute)
	for i := range 3 {
		ok, _ := l.allow(a)
		require.True(t, ok, "request %d after a quiet minute", i)
	}
}

func TestRateLimiterCheck(t *testing.T) {
	clk := newFakeClock()
	l := newRateLimiter(1, time.Minute, 1000, clk.now)
	k := rateKey{'i', "203.0.113.1"}
	require.NoError(t, l.check(k))
	err := l.check(k)
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, errs.KindTooMany, e.Kind)
	assert.Equal(t, 60, e.RetryAfter)
	assert.Equal(t, "You've been rate limited for sending more than 1 requests in 1m0s.", e.Message)

	var none *rateLimiter
	assert.NoError(t, none.check(k), "a nil limiter allows everything")
	assert.Nil(t, newRateLimiter(0, time.Minute, 10, nil))
	assert.Nil(t, newRateLimiter(-1, time.Minute, 10, nil))
	assert.Equal(t, 1, retrySeconds(time.Millisecond))
	assert.Equal(t, 2, retrySeconds(1001*time.Millisecond))
}

func TestRateLimiterMemoryBounded(t *testing.T) {
	clk := newFakeClock()
	l := newRateLimiter(10, time.Minute, 2*rateLimiterShards, clk.now)
	for i := range 10000 {
		l.allow(rateKey{'i', fmt.Sprintf("10.0.%d.%d", i/256, i%256)})
	}
	assert.LessOrEqual(t, l.size(), 2*rateLimiterShards)

	// Idle keys are dropped once their allowance has recovered.
	l = newRateLimiter(10, time.Minute, 1<<16, clk.now)
	for i := range 1000 {
		l.allow(rateKey{'i', fmt.Sprint(i)})
	}
	assert.Equal(t, 1000, l.size())
	clk.advance(2 * time.Minute)
	// One new key in every shard: each shard sweeps its idle keys.
	touched := map[uint64]bool{}
	for i := 0; len(touched) < rateLimiterShards; i++ {
		id := fmt.Sprint("new-", i)
		if shard := maphash.String(l.seed, id) % rateLimiterShards; !touched[shard] {
			touched[shard] = true
			l.allow(rateKey{'k', id})
		}
	}
	assert.Equal(t, rateLimiterShards, l.size(), "only the new keys are left")
}

func TestRateLimiterConcurrent(t *testing.T) {
	clk := newFakeClock()
	l := newRateLimiter(100, time.Minute, 1<<16, clk.now)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if ok, _ := l.allow(rateKey{'k', "shared"}); ok {
					allowed.Add(1)
				}
				l.allow(rateKey{'k', fmt.Sprint(g, i)})
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(100), allowed.Load(), "exactly the burst passes, whatever the interleaving")
}

func BenchmarkRateLimiter(b *testing.B) {
	l := newRateLimiter(1<<30, time.Minute, 1<<16, nil)
	keys := make([]rateKey, 1024)
	for i := range keys {
		keys[i] = rateKey{'k', fmt.Sprintf("key%07d", i)}
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			l.allow(keys[i%len(keys)])
			i++
		}
	})
}

func TestRealIP(t *testing.T) {
	req := func(remote string, h ...string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "http://x/", nil)
		r.RemoteAddr = remote
		for i := 0; i+1 < len(h); i += 2 {
			r.Header.Add(h[i], h[i+1])
		}
		return r
	}
	direct, err := newIPExtractor(nil, nil)
	require.NoError(t, err)
	headersOnly, err := newIPExtractor([]string{"X-Forwarded-For"}, nil)
	require.NoError(t, err)
	trusted, err := newIPExtractor([]string{"x-forwarded-for", "X-Real-IP"}, []string{"10.0.0.0/8", "192.168.1.7", "::1"})
	require.NoError(t, err)
	_, err = newIPExtractor([]string{"X-Forwarded-For"}, []string{"nope"})
	require.Error(t, err)

	tests := []struct {
		name string
		ext  func(*http.Request) string
		r    *http.Request
		want string
	}{
		{"socket", direct, req("203.0.113.1:5000", "X-Forwarded-For", "1.2.3.4"), "203.0.113.1"},
		{"socket v6", direct, req("[2001:db8::1]:5000"), "2001:db8::1"},
		{"v4-mapped", direct, req("[::ffff:203.0.113.1]:5000"), "203.0.113.1"},
		{"headers without origins", headersOnly, req("10.1.1.1:5000", "X-Forwarded-For", "1.2.3.4"), "10.1.1.1"},
		{"untrusted socket", trusted, req("203.0.113.1:5000", "X-Forwarded-For", "1.2.3.4"), "203.0.113.1"},
		{"trusted proxy", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "1.2.3.4"), "1.2.3.4"},
		{"trusted single address", trusted, req("192.168.1.7:5000", "X-Forwarded-For", "1.2.3.4"), "1.2.3.4"},
		{"other address of that network", trusted, req("192.168.1.8:5000", "X-Forwarded-For", "1.2.3.4"), "192.168.1.8"},
		{"trusted v6", trusted, req("[::1]:5000", "X-Forwarded-For", "2001:db8::5"), "2001:db8::5"},
		{"rightmost untrusted", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "6.6.6.6, 1.2.3.4, 10.2.2.2"), "1.2.3.4"},
		{"several header lines", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "1.2.3.4"), "1.2.3.4"},
		{"all trusted", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "10.3.3.3, 10.2.2.2"), "10.3.3.3"},
		{"malformed rightmost", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "1.2.3.4, garbage"), "10.1.1.1"},
		{"with port", trusted, req("10.1.1.1:5000", "X-Forwarded-For", "1.2.3.4:443"), "1.2.3.4"},
		{"next header", trusted, req("10.1.1.1:5000", "X-Real-IP", "1.2.3.4"), "1.2.3.4"},
		{"first header wins", trusted, req("10.1.1.1:5000", "X-Real-IP", "5.5.5.5", "X-Forwarded-For", "1.2.3.4"), "1.2.3.4"},
		{"bad single header", trusted, req("10.1.1.1:5000", "X-Real-IP", "five"), "10.1.1.1"},
		{"untrusted header", trusted, req("10.1.1.1:5000", "True-Client-IP", "1.2.3.4"), "10.1.1.1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.ext(tt.r), tt.name)
	}
}

func TestQueryValue(t *testing.T) {
	for _, q := range []string{
		"", "a=1", "coder_session_token=abc", "x=1&coder_session_token=abc&coder_session_token=def",
		"coder%5Fsession%5Ftoken=enc", "coder_session_token=a%2Bb+c", "coder_session_token", "coder_session_token=&x=1",
		"bad;x=1&coder_session_token=t", "coder_session_token=%zz&coder_session_token=ok", "%zz=1&coder_session_token=ok",
		"match=https%3A%2F%2Fgithub.com%2Fo%2Fr.git&listen=true",
	} {
		want := ""
		if v, err := url.ParseQuery(q); err == nil || v != nil {
			want = v.Get("coder_session_token")
		}
		assert.Equal(t, want, queryValue(q, "coder_session_token"), "%q", q)
	}
}
