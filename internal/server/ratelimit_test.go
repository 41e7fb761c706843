package server

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
)

func TestCheckRate(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	l := apiLimiter(1)
	k := rateKey{'i', "203.0.113.1"}
	require.NoError(t, checkRate(l, k, now))
	err := checkRate(l, k, now)
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, errs.KindTooMany, e.Kind)
	assert.Equal(t, 60, e.RetryAfter)
	assert.Equal(t, "You've been rate limited for sending more than 1 requests in 1m0s.", e.Message)
	assert.NoError(t, checkRate(apiLimiter(0), k, now), "no limit configured")
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
