package e2e

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

// scrape is one read of /metrics: every sample by its series
// (name{labels} exactly as the exposition writes it), and the raw text.
type scrape struct {
	text    string
	samples map[string]float64
}

var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?) (\S+)$`)

func scrapeMetrics(t *testing.T, addr string) scrape {
	t.Helper()
	res, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	s := scrape{text: string(body), samples: map[string]float64{}}
	for _, line := range strings.Split(s.text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		require.NotNil(t, m, "unparsable metrics line %q", line)
		v, err := strconv.ParseFloat(m[2], 64)
		require.NoError(t, err, "line %q", line)
		s.samples[m[1]] = v
	}
	return s
}

// get returns the value of the series name{labels}, labels given as
// alternating names and values in any order; ok false when absent.
func (s scrape) get(name string, labels ...string) (float64, bool) {
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for series, v := range s.samples {
		n, rest, _ := strings.Cut(series, "{")
		if n != name {
			continue
		}
		got := map[string]string{}
		for _, kv := range regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(rest, -1) {
			got[kv[1]] = kv[2]
		}
		if len(got) != len(want) {
			continue
		}
		match := true
		for k, v := range want {
			if got[k] != v {
				match = false
			}
		}
		if match {
			return v, true
		}
	}
	return 0, false
}

// value is get that fails the test when the series is absent.
func (s scrape) value(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	v, ok := s.get(name, labels...)
	require.True(t, ok, "no series %s%v in:\n%s", name, labels, s.grep(name))
	return v
}

// grep returns the lines mentioning name, for failure messages.
func (s scrape) grep(name string) string {
	var out []string
	for _, l := range strings.Split(s.text, "\n") {
		if strings.Contains(l, name) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// opsLinkDevice links the holder of token to provider id through the
// device flow of the API, approving the code at the fake.
func opsLinkDevice(t *testing.T, s *apitest.Server, fake *fakeprovider.Provider, token, id string) {
	t.Helper()
	ctx := context.Background()
	c := s.Client(token)
	start, err := c.GetExternalAuthDeviceByIDWithResponse(ctx, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, start.StatusCode(), "start the device flow: %s", start.Body)
	require.NoError(t, fake.ApproveDevice(start.JSON200.UserCode, ""))
	done, err := c.PostExternalAuthDeviceByIDWithResponse(ctx, id, client.PostExternalAuthDeviceByIDJSONRequestBody{DeviceCode: start.JSON200.DeviceCode})
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, done.StatusCode(), "finish the device flow: %s", done.Body)
}

// refused reports whether nothing accepts connections at addr.
func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return true
	}
	_ = c.Close()
	return false
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	// Tokens of "short" live 5 s, under the refresh margin: every use
	// refreshes them.
	short := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, AccessTokenTTL: 5 * time.Second,
		RefreshTokens: true, Logf: func(string, ...any) {}})
	env := append(gh.Env(0, "fake", ""), short.Env(1, "short", "")...)
	s := apitest.StartEnv(t, env,
		"--prometheus-enable", "--prometheus-address", "127.0.0.1:0",
		"--pprof-enable", "--pprof-address", "127.0.0.1:0")
	require.NotNil(t, s.App.Metrics)
	promAddr := s.App.Values.PrometheusAddress
	pprofAddr := s.App.Values.PprofAddress
	require.NotContains(t, promAddr, ":0", "the bound address is recorded")

	owner := s.CreateOwner(t)
	stranger := uuid.NewString()
	for _, p := range []string{"/api/v2/users/" + owner.ID, "/api/v2/users/" + stranger, "/api/v2/buildinfo"} {
		s.Do(http.MethodGet, p, "", auth(owner.Token))
	}
	// No route at all, with an id in it.
	unknown := "/api/v2/no-such-thing/" + uuid.NewString()
	res, _ := s.Do(http.MethodGet, unknown, "", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = s.Do(http.MethodPost, "/api/v2/csp/reports", cspBody("https://evil.example/x.js", 200), http.Header{"Content-Type": {"application/csp-report"}})
	require.Equal(t, http.StatusOK, res.StatusCode)

	opsLinkDevice(t, s, gh, owner.Token, "fake")
	opsLinkDevice(t, s, short, owner.Token, "short")

	t.Run("routes are templates", func(t *testing.T) {
		m := scrapeMetrics(t, promAddr)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_http_requests_total", "route", "/api/v2/users/:user", "method", "GET", "status", "200"), 1.0)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_http_requests_total", "route", "/api/v2/users/:user", "method", "GET", "status", "404"), 1.0)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_http_requests_total", "route", "unmatched", "method", "GET", "status", "404"), 1.0)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_http_request_duration_seconds_count", "route", "/api/v2/buildinfo", "method", "GET"), 1.0)
		m.value(t, "gitauthd_http_request_duration_seconds_bucket", "route", "/api/v2/buildinfo", "method", "GET", "le", "0.01")
		for _, raw := range []string{owner.ID, stranger, unknown, "no-such-thing", owner.Token} {
			assert.NotContains(t, m.text, raw, "a raw path or id is a label")
		}
	})

	t.Run("counters increase", func(t *testing.T) {
		labels := []string{"route", "/api/v2/buildinfo", "method", "GET", "status", "200"}
		before := scrapeMetrics(t, promAddr).value(t, "gitauthd_http_requests_total", labels...)
		for range 3 {
			res, _ := s.Do(http.MethodGet, "/api/v2/buildinfo", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode)
		}
		after := scrapeMetrics(t, promAddr).value(t, "gitauthd_http_requests_total", labels...)
		assert.Equal(t, before+3, after)
	})

	t.Run("provider calls", func(t *testing.T) {
		m := scrapeMetrics(t, promAddr)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_provider_requests_total", "provider", "fake", "endpoint", "device", "outcome", "success"), 1.0)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_provider_requests_total", "provider", "fake", "endpoint", "token", "outcome", "success"), 1.0)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_provider_requests_total", "provider", "fake", "endpoint", "validate", "outcome", "success"), 1.0)
		m.value(t, "gitauthd_provider_request_duration_seconds_count", "provider", "fake", "endpoint", "token")
		assert.NotContains(t, m.text, gh.URL[len("http://"):], "provider URLs are not labels")
	})

	t.Run("a cached validation calls no provider", func(t *testing.T) {
		read := func() {
			r, err := s.Client(owner.Token).GetExternalAuthByIDWithResponse(context.Background(), "fake")
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
			require.True(t, r.JSON200.Authenticated)
		}
		read()
		labels := []string{"provider", "fake", "endpoint", "validate", "outcome", "success"}
		before := scrapeMetrics(t, promAddr).value(t, "gitauthd_provider_requests_total", labels...)
		calls := gh.Calls("/user")
		for range 5 {
			read()
		}
		assert.Equal(t, before, scrapeMetrics(t, promAddr).value(t, "gitauthd_provider_requests_total", labels...))
		assert.Equal(t, calls, gh.Calls("/user"), "the fake saw validations")
	})

	t.Run("refreshes", func(t *testing.T) {
		r, err := s.Client(owner.Token).GetExternalAuthByIDWithResponse(context.Background(), "short")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
		m := scrapeMetrics(t, promAddr)
		assert.GreaterOrEqual(t, m.value(t, "gitauthd_external_auth_token_refreshes_total", "provider", "short", "outcome", "success"), 1.0)
	})

	t.Run("database, CSP, build", func(t *testing.T) {
		m := scrapeMetrics(t, promAddr)
		assert.Equal(t, 1.0, m.value(t, "gitauthd_db_max_open_connections", "pool", "writer"))
		m.value(t, "gitauthd_db_open_connections", "pool", "writer")
		m.value(t, "gitauthd_db_wait_count_total", "pool", "writer")
		assert.Equal(t, 1.0, m.value(t, "gitauthd_csp_reports_total"))
		assert.Regexp(t, `gitauthd_build_info\{commit="[^"]*",go_version="go[^"]+",version="[^"]+"\} 1`, m.text)
		m.value(t, "go_goroutines")
		assert.Contains(t, m.text, "process_resident_memory_bytes")
	})

	t.Run("pprof", func(t *testing.T) {
		res, err := http.Get("http://" + pprofAddr + "/debug/pprof/")
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Contains(t, string(body), "goroutine")
		res, err = http.Get("http://" + pprofAddr + "/debug/pprof/goroutine?debug=1")
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, http.StatusOK, res.StatusCode)
	})

	t.Run("not on the API listener", func(t *testing.T) {
		for _, p := range []string{"/metrics", "/debug/pprof/"} {
			res, err := http.Get(s.URL + p)
			require.NoError(t, err)
			res.Body.Close()
			assert.Equal(t, http.StatusNotFound, res.StatusCode, p)
		}
	})

	t.Run("stopped with the server", func(t *testing.T) {
		s.Stop()
		assert.True(t, refused(promAddr), "metrics still listening after the server stopped")
		assert.True(t, refused(pprofAddr), "pprof still listening after the server stopped")
	})
}

func TestMetricsDisabledByDefault(t *testing.T) {
	t.Parallel()
	promAddr, pprofAddr := apitest.FreePort(t), apitest.FreePort(t)
	s := apitest.Start(t, "--prometheus-address", promAddr, "--pprof-address", pprofAddr)
	assert.Nil(t, s.App.Metrics)
	res, _ := s.Do(http.MethodGet, "/api/v2/buildinfo", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, refused(promAddr), "metrics listen although disabled")
	assert.True(t, refused(pprofAddr), "pprof listens although disabled")
}
