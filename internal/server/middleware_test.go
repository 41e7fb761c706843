package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/general"
)

// mwHandlers implements the operations these tests call; any other
// operation panics on the nil embedded interface.
type mwHandlers struct {
	api.StrictServerInterface
	deadline chan time.Duration // GetBuildInfo reports its context's time left
}

func (h *mwHandlers) ApiRoot(context.Context, api.ApiRootRequestObject) (api.ApiRootResponseObject, error) {
	panic("boom in ApiRoot")
}

func (h *mwHandlers) ListGitAuthorizations(context.Context, api.ListGitAuthorizationsRequestObject) (api.ListGitAuthorizationsResponseObject, error) {
	panic(errors.New("boom in ListGitAuthorizations"))
}

func (h *mwHandlers) GetUpdateCheck(context.Context, api.GetUpdateCheckRequestObject) (api.GetUpdateCheckResponseObject, error) {
	return api.GetUpdateCheck200JSONResponse{Current: true, Version: "v1.0.0", Url: "https://example.test"}, nil
}

// GetBuildInfo waits for its context to end, as a handler stuck on the
// database would, and returns the context's error.
func (h *mwHandlers) GetBuildInfo(ctx context.Context, _ api.GetBuildInfoRequestObject) (api.GetBuildInfoResponseObject, error) {
	if dl, ok := ctx.Deadline(); ok && h.deadline != nil {
		h.deadline <- time.Until(dl)
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

// mwLogs is a goroutine-safe log sink.
type mwLogs struct {
	mu sync.Mutex
	sb strings.Builder
}

func (b *mwLogs) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.Write(p)
}

// entries returns the JSON log lines whose msg is msg.
func (b *mwLogs) entries(t *testing.T, msg string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	text := b.sb.String()
	b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

type mwServer struct {
	URL  string
	Echo *echo.Echo
	Logs *mwLogs
	h    *mwHandlers
}

// newMWServer builds the real Echo server (every middleware, the contract)
// over mwHandlers and serves it on loopback. Every key authenticates.
func newMWServer(t *testing.T, o Options) *mwServer {
	t.Helper()
	logs := &mwLogs{}
	h := &mwHandlers{deadline: make(chan time.Duration, 8)}
	o.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	o.Spec = mustSpec()
	o.Handlers = h
	o.Auth = func(ctx context.Context, raw string) (context.Context, error) {
		if raw == "bad" {
			return ctx, errs.Unauthorized("bad key")
		}
		return ctx, nil
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = time.Minute
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
	e, err := NewEcho(o)
	require.NoError(t, err)
	return &mwServer{Echo: e, Logs: logs, h: h, URL: mwServeHTTP(t, e)}
}

// mwServeHTTP serves h with net/http on loopback until the test ends.
func mwServeHTTP(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func mwGet(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

func TestPanicBecomes500(t *testing.T) {
	s := newMWServer(t, Options{})
	// Routes outside the contract go through the same middleware.
	s.Echo.GET("/api/v2/test/panic", func(echo.Context) error { panic(fmt.Sprintf("boom %d", 42)) })
	s.Echo.GET("/v1/test/panic", func(echo.Context) error { panic(errors.New("boom under /v1")) })

	cases := []struct {
		name, path string
		header     http.Header
		dialect    string
		panicText  string
	}{
		{"operation under /api/v2", "/api/v2/", nil, "coder", "boom in ApiRoot"},
		{"route under /api/v2", "/api/v2/test/panic", nil, "coder", "boom 42"},
		{"operation under /v1", "/v1/p1/git/auths", http.Header{"X-Auth-Token": {"any"}}, "servicestage", "boom in ListGitAuthorizations"},
		{"route under /v1", "/v1/test/panic", nil, "servicestage", "boom under /v1"},
		// A nil implementation panics with a runtime error, not a value.
		{"nil pointer", "/api/v2/deployment/ssh", http.Header{"Coder-Session-Token": {"any"}}, "coder", "nil pointer dereference"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, body := mwGet(t, s.URL+tc.path, tc.header)
			require.Equal(t, http.StatusInternalServerError, res.StatusCode, "%s", body)
			assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			id := res.Header.Get("X-Request-Id")
			require.NotEmpty(t, id)
			switch tc.dialect {
			case "coder":
				assert.JSONEq(t, `{"message":"An internal server error occurred."}`, string(body))
			case "servicestage":
				var e map[string]string
				require.NoError(t, json.Unmarshal(body, &e), "%s", body)
				assert.Equal(t, "SVCSTG.REPO.0500", e["error_code"])
				assert.NotEmpty(t, e["error_msg"])
				assert.Len(t, e, 2)
			}
			// Nothing of the panic reaches the client.
			assert.NotContains(t, string(body), "boom")
			assert.NotContains(t, string(body), "goroutine")

			// Logged once, with the request id, the panic and the stack.
			var found map[string]any
			for _, l := range s.Logs.entries(t, "panic serving request") {
				if l["request_id"] == id {
					require.Nil(t, found, "panic logged twice")
					found = l
				}
			}
			require.NotNil(t, found, "no panic log line with request id %s", id)
			assert.Contains(t, found["panic"], tc.panicText)
			assert.Contains(t, found["stack"], "goroutine")
			assert.Equal(t, "ERROR", found["level"])
			// And the access log has the 500 under the same id.
			var access bool
			for _, l := range s.Logs.entries(t, "http request") {
				if l["request_id"] == id {
					access = true
					assert.EqualValues(t, 500, l["status"])
					assert.Equal(t, "ERROR", l["level"])
				}
			}
			assert.True(t, access, "no access log line for request %s", id)

			// The server keeps serving, on a new connection and on the same.
			res, body = mwGet(t, s.URL+"/api/v2/updatecheck", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			assert.JSONEq(t, `{"current":true,"version":"v1.0.0","url":"https://example.test"}`, string(body))
		})
	}
}

func TestPanicManyConcurrent(t *testing.T) {
	s := newMWServer(t, Options{})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Get(s.URL + "/api/v2/")
			if assert.NoError(t, err) {
				res.Body.Close()
				assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
			}
		}()
	}
	wg.Wait()
	assert.Len(t, s.Logs.entries(t, "panic serving request"), 20)
}

func TestPanicAbortHandler(t *testing.T) {
	// http.ErrAbortHandler is net/http's way to abort a response: it is
	// passed on, so the connection is cut instead of answered.
	s := newMWServer(t, Options{})
	s.Echo.GET("/api/v2/test/abort", func(echo.Context) error { panic(http.ErrAbortHandler) })
	_, err := http.Get(s.URL + "/api/v2/test/abort")
	require.Error(t, err)
	assert.Empty(t, s.Logs.entries(t, "panic serving request"))
	res, _ := mwGet(t, s.URL+"/api/v2/updatecheck", nil)
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func TestRequestTimeout(t *testing.T) {
	const timeout = 150 * time.Millisecond
	s := newMWServer(t, Options{RequestTimeout: timeout})
	s.Echo.GET("/v1/test/slow", func(c echo.Context) error {
		<-c.Request().Context().Done()
		return c.Request().Context().Err()
	})

	t.Run("the handler's context has the deadline", func(t *testing.T) {
		start := time.Now()
		res, body := mwGet(t, s.URL+"/api/v2/buildinfo", nil)
		elapsed := time.Since(start)
		left := <-s.h.deadline
		assert.LessOrEqual(t, left, timeout)
		assert.Greater(t, left, time.Duration(0))

		require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "%s", body)
		var e map[string]any
		require.NoError(t, json.Unmarshal(body, &e))
		assert.NotEmpty(t, e["message"])
		assert.NotContains(t, e, "error_code")
		assert.GreaterOrEqual(t, elapsed, timeout)
		assert.Less(t, elapsed, 5*time.Second)
	})

	t.Run("ServiceStage dialect", func(t *testing.T) {
		res, body := mwGet(t, s.URL+"/v1/test/slow", nil)
		require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "%s", body)
		var e map[string]string
		require.NoError(t, json.Unmarshal(body, &e))
		assert.Equal(t, "SVCSTG.REPO.0503", e["error_code"])
	})

	t.Run("fast requests are unaffected", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			res, _ := mwGet(t, s.URL+"/api/v2/updatecheck", nil)
			assert.Equal(t, http.StatusOK, res.StatusCode)
		}
	})
}

func TestBodyLimitPerRoute(t *testing.T) {
	report := func(n int) string {
		head, tail := `{"csp-report":{"x":"`, `"}}`
		return head + strings.Repeat("a", n-len(head)-len(tail)) + tail
	}
	post := func(t *testing.T, url, body string, chunked bool) int {
		t.Helper()
		var rd io.Reader = strings.NewReader(body)
		if chunked {
			rd = io.NopCloser(rd) // no length known: sent chunked
		}
		req, err := http.NewRequest(http.MethodPost, url, rd)
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/csp-report")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	cases := []struct {
		name     string
		global   int64
		okSize   int
		overSize int
	}{
		{"route limit below the global one", 1 << 20, 64 << 10, 64<<10 + 1},
		{"global limit below the route's", 2048, 2048, 2049},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newMWServer(t, Options{MaxBodyBytes: tc.global})
			url := s.URL + "/api/v2/csp/reports"
			for _, chunked := range []bool{false, true} {
				// Under the limit the request reaches the handler (which
				// panics on the nil implementation: 500, not 413).
				assert.Equal(t, http.StatusInternalServerError, post(t, url, report(tc.okSize), chunked), "at the limit, chunked=%v", chunked)
				assert.Equal(t, http.StatusRequestEntityTooLarge, post(t, url, report(tc.overSize), chunked), "over the limit, chunked=%v", chunked)
			}
		})
	}
}

// TestRequestTimeoutThroughServe runs the same checks through App.Serve,
// with the http.Server settings of the real server.
func TestRequestTimeoutThroughServe(t *testing.T) {
	const timeout = 200 * time.Millisecond
	s := newMWServer(t, Options{RequestTimeout: timeout})
	logger := slog.New(slog.DiscardHandler)
	app := &App{
		Values:  &deployment.Values{HTTPRequestTimeout: timeout, HTTPAddress: "127.0.0.1:0"},
		Logger:  logger,
		Handler: s.Echo,
		stats: general.NewStatsCollector(func(context.Context) (general.Counts, error) {
			return general.Counts{}, nil
		}, time.Hour, nil, logger),
	}
	ln, err := app.Listen()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done)
	})
	url := "http://" + ln.Addr().String()

	t.Run("a handler that runs out of time answers 503", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			res, body := mwGet(t, url+"/api/v2/buildinfo", nil)
			<-s.h.deadline
			require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "%s", body)
		}
	})

	t.Run("a client that sends its body too slowly gets 503", func(t *testing.T) {
		conn, err := net.Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		defer conn.Close()
		body := `{"csp-report":{"blocked-uri":"inline"}}`
		_, err = fmt.Fprintf(conn, "POST /api/v2/csp/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			len(body), body[:10])
		require.NoError(t, err)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "%s", data)
	})

	t.Run("a connection stays usable across requests", func(t *testing.T) {
		c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
		for i := 0; i < 3; i++ {
			res, err := c.Get(url + "/api/v2/updatecheck")
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			assert.Equal(t, http.StatusOK, res.StatusCode)
			time.Sleep(timeout / 2) // past the first request's deadline by the end
		}
	})
}

// Successful requests are logged at debug level unless every request is
// to be logged; 4xx at info, 5xx at error (TestPanic), each with its id.
func TestAccessLogLevels(t *testing.T) {
	for _, every := range []bool{false, true} {
		s := newMWServer(t, Options{LogRequests: every})
		res, body := mwGet(t, s.URL+"/api/v2/updatecheck", nil)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		okID := res.Header.Get("X-Request-Id")
		res, _ = mwGet(t, s.URL+"/api/v2/nope", nil)
		require.Equal(t, http.StatusNotFound, res.StatusCode)
		missID := res.Header.Get("X-Request-Id")

		levels := map[string]any{}
		for _, l := range s.Logs.entries(t, "http request") {
			levels[l["request_id"].(string)] = l["level"]
		}
		assert.Equal(t, "INFO", levels[missID], "a 404 is logged at info")
		if every {
			assert.Equal(t, "INFO", levels[okID], "--log-requests: a 200 is logged at info")
		} else {
			assert.NotContains(t, levels, okID, "a 200 is logged at debug level, below the logger's")
		}
	}
}
