package e2e

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// The 429s are read with a plain client: the answers are checked here, by
// hand, rather than by apitest's validating transport.

// rlDo sends a request with a plain HTTP client and returns the answer.
func rlDo(t *testing.T, s *apitest.Server, method, path, body string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	for k, vs := range header {
		req.Header[k] = vs
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, data
}

// rlUntil429 sends the request up to max times and returns how many were
// answered before the first 429, and that 429 (nil if none came). Every
// answer before it must have status ok.
func rlUntil429(t *testing.T, s *apitest.Server, max, ok int, method, path string, header http.Header) (int, *http.Response, []byte) {
	t.Helper()
	for i := range max {
		res, body := rlDo(t, s, method, path, "", header)
		if res.StatusCode == http.StatusTooManyRequests {
			return i, res, body
		}
		require.Equal(t, ok, res.StatusCode, "request %d: %s", i, body)
	}
	return max, nil, nil
}

// rlCheck429 checks a 429 in the Coder dialect with Retry-After.
func rlCheck429(t *testing.T, res *http.Response, body []byte) {
	t.Helper()
	require.NotNil(t, res, "no 429")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "%s", body)
	retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
	assert.GreaterOrEqual(t, retry, 1)
	assert.LessOrEqual(t, retry, 60)
	e := decodeCoderError(t, body)
	assert.Contains(t, e.Message, "rate limited")
}

func xff(ip string) http.Header { return http.Header{"X-Forwarded-For": {ip}} }

func TestRateLimitPerIP(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--rate-limit-api", "3")

	n, res, body := rlUntil429(t, s, 10, http.StatusOK, http.MethodGet, "/api/v2/buildinfo", nil)
	assert.Equal(t, 3, n, "anonymous requests allowed")
	rlCheck429(t, res, body)

	t.Run("the body of a refused request is not read", func(t *testing.T) {
		res, body := rlDo(t, s, http.MethodPost, "/api/v2/users/first", "{not json", nil)
		rlCheck429(t, res, body)
	})
	t.Run("a spoofed X-Forwarded-For does not move the limit", func(t *testing.T) {
		for _, ip := range []string{"203.0.113.1", "198.51.100.7", "2001:db8::1"} {
			res, body := rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", xff(ip))
			rlCheck429(t, res, body)
		}
	})
	t.Run("health probes are not limited", func(t *testing.T) {
		res, _ := rlDo(t, s, http.MethodGet, "/readyz", "", nil)
		assert.Equal(t, http.StatusOK, res.StatusCode)
	})
	t.Run("failed authentication counts against the address", func(t *testing.T) {
		res, body := rlDo(t, s, http.MethodGet, "/api/v2/users/me", "", auth("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"))
		rlCheck429(t, res, body)
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/users/me", "", nil)
		rlCheck429(t, res, body)
	})
}

func TestRateLimitBadKeys(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--rate-limit-api", "3")
	n, res, body := rlUntil429(t, s, 10, http.StatusUnauthorized, http.MethodGet, "/api/v2/users/me", auth("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"))
	assert.Equal(t, 3, n, "guesses allowed")
	rlCheck429(t, res, body)
}

func TestRateLimitPerKey(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--rate-limit-api", "10")
	// Anonymous requests from this address so far: first user, two
	// logins. The owner's key: one (creating the member).
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")

	n, res, body := rlUntil429(t, s, 30, http.StatusOK, http.MethodGet, "/api/v2/users/me", auth(owner.Token))
	// 9 left of 10; one more may have been earned back meanwhile (one
	// every 6 s).
	assert.Contains(t, []int{9, 10}, n, "requests allowed on the owner's key")
	rlCheck429(t, res, body)

	t.Run("another key is not limited", func(t *testing.T) {
		res, body := rlDo(t, s, http.MethodGet, "/api/v2/users/me", "", auth(member.Token))
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})
	t.Run("anonymous requests from the same address are not limited", func(t *testing.T) {
		res, body := rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", nil)
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})
	t.Run("every way of sending the key counts", func(t *testing.T) {
		for _, h := range []http.Header{
			{"Authorization": {"Bearer " + owner.Token}},
			{"Cookie": {"coder_session_token=" + owner.Token}},
		} {
			res, body := rlDo(t, s, http.MethodGet, "/api/v2/users/me", "", h)
			rlCheck429(t, res, body)
		}
	})
	t.Run("ServiceStage dialect", func(t *testing.T) {
		res, body := rlDo(t, s, http.MethodGet, "/v1/0a1b2c3d4e5f67890a1b2c3d4e5f6789/git/auths", "", http.Header{"X-Auth-Token": {owner.Token}})
		require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "%s", body)
		retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
		require.NoError(t, err)
		assert.GreaterOrEqual(t, retry, 1)
		e := decodeServiceStageError(t, body)
		assert.Equal(t, "APIGW.0308", e.ErrorCode)
		assert.Contains(t, e.ErrorMsg, "rate limited")
	})
}

func TestRateLimitTrustedProxy(t *testing.T) {
	t.Parallel()

	t.Run("trusted", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--rate-limit-api", "2",
			"--proxy-trusted-headers", "X-Forwarded-For", "--proxy-trusted-origins", "127.0.0.0/8,::1")
		// Each client behind the proxy has its own allowance.
		for _, ip := range []string{"203.0.113.1", "203.0.113.2"} {
			n, res, body := rlUntil429(t, s, 10, http.StatusOK, http.MethodGet, "/api/v2/buildinfo", xff(ip))
			assert.Equal(t, 2, n, "requests allowed for %s", ip)
			rlCheck429(t, res, body)
		}
		// A client cannot escape by prepending addresses: the proxy's
		// own entry (the rightmost) is the one that counts.
		res, body := rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", xff("198.51.100.9, 203.0.113.1"))
		rlCheck429(t, res, body)
		// Addresses of trusted proxies are skipped.
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", xff("203.0.113.2, 127.0.0.5"))
		rlCheck429(t, res, body)
		// Without the header the proxy itself is the client.
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", nil)
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})

	t.Run("header trusted from other origins only", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--rate-limit-api", "2",
			"--proxy-trusted-headers", "X-Forwarded-For", "--proxy-trusted-origins", "10.0.0.0/8")
		n, res, body := rlUntil429(t, s, 10, http.StatusOK, http.MethodGet, "/api/v2/buildinfo", xff("203.0.113.1"))
		assert.Equal(t, 2, n)
		rlCheck429(t, res, body)
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", xff("203.0.113.2"))
		rlCheck429(t, res, body)
	})

	t.Run("another header", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--rate-limit-api", "1",
			"--proxy-trusted-headers", "X-Real-IP", "--proxy-trusted-origins", "127.0.0.1")
		res, body := rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", http.Header{"X-Real-Ip": {"203.0.113.1"}})
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", http.Header{"X-Real-Ip": {"203.0.113.1"}})
		rlCheck429(t, res, body)
		// X-Forwarded-For is not trusted here.
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", http.Header{"X-Real-Ip": {"203.0.113.1"}, "X-Forwarded-For": {"203.0.113.3"}})
		rlCheck429(t, res, body)
		res, body = rlDo(t, s, http.MethodGet, "/api/v2/buildinfo", "", http.Header{"X-Real-Ip": {"203.0.113.2"}})
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})
}

func TestRateLimitDisableAll(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--rate-limit-api", "1", "--login-rate-limit", "1", "--rate-limit-disable-all")
	n, _, _ := rlUntil429(t, s, 20, http.StatusOK, http.MethodGet, "/api/v2/buildinfo", nil)
	assert.Equal(t, 20, n, "no 429 with every limit disabled")
	owner := s.CreateOwner(t)
	for i := range 5 {
		res, body := rlDo(t, s, http.MethodPost, "/api/v2/users/login", `{"email":"`+owner.Email+`","password":"wrong password"}`, nil)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "login %d: %s", i, body)
	}
}

func TestRateLimitZeroIsOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--rate-limit-api", "0")
	n, _, _ := rlUntil429(t, s, 20, http.StatusOK, http.MethodGet, "/api/v2/buildinfo", nil)
	assert.Equal(t, 20, n)
}
