// Package apitest starts real gitauthd servers on loopback for end-to-end
// tests and checks every response a test receives against api/openapi.yaml.
// A response that does not match the contract fails the test.
package apitest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/server"
)

// Server is a running gitauthd on a loopback port.
type Server struct {
	URL string
	App *server.App
	// HTTP is a client whose every response is checked against the spec.
	HTTP *http.Client
	// Logs holds everything the server logged (JSON lines).
	Logs *SyncBuffer

	t      testing.TB
	cancel context.CancelFunc
	done   chan error
}

// Start starts a server with the given command-line options added to
// `--http-address 127.0.0.1:0`; without --data-dir it runs --in-memory.
// The server is stopped (gracefully) when the test ends.
func Start(t testing.TB, args ...string) *Server {
	t.Helper()
	return StartEnv(t, nil, args...)
}

// StartEnv is Start with environment variables (KEY=value) as the server
// would read them, for options only the environment can set, such as
// GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>.
func StartEnv(t testing.TB, env []string, args ...string) *Server {
	t.Helper()
	all := append([]string{"--http-address", "127.0.0.1:0", "--log-human", ""}, args...)
	if !hasFlag(args, "--data-dir") && !hasFlag(args, "--in-memory") {
		all = append(all, "--in-memory")
	}
	v, opts, err := deployment.Load(all, env)
	if err != nil {
		t.Fatalf("apitest: loading options %q: %v", all, err)
	}
	logs := &SyncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(context.Background())
	app, err := server.New(ctx, v, opts, logger)
	if err != nil {
		cancel()
		t.Fatalf("apitest: starting the server: %v", err)
	}
	ln, err := app.Listen()
	if err != nil {
		cancel()
		_ = app.Close()
		t.Fatalf("apitest: %v", err)
	}
	s := &Server{
		URL:    "http://" + ln.Addr().String(),
		App:    app,
		Logs:   logs,
		t:      t,
		cancel: cancel,
		done:   make(chan error, 1),
	}
	s.HTTP = &http.Client{Transport: &validatingTransport{t: t, next: http.DefaultTransport, router: specRouter(t)},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	go func() {
		err := app.Serve(ctx, ln)
		_ = app.Close()
		s.done <- err
	}()
	t.Cleanup(s.Stop)
	return s
}

// Stop shuts the server down gracefully and waits for it. It is safe to
// call more than once.
func (s *Server) Stop() {
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Errorf("apitest: server stopped with error: %v", err)
		}
	case <-time.After(40 * time.Second):
		s.t.Errorf("apitest: server did not stop")
	}
}

// Client returns a generated API client; a non-empty token is sent in the
// Coder-Session-Token header.
func (s *Server) Client(token string) *client.ClientWithResponses {
	s.t.Helper()
	opts := []client.ClientOption{client.WithHTTPClient(s.HTTP)}
	if token != "" {
		opts = append(opts, client.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Coder-Session-Token", token)
			return nil
		}))
	}
	c, err := client.NewClientWithResponses(s.URL, opts...)
	if err != nil {
		s.t.Fatalf("apitest: client: %v", err)
	}
	return c
}

// Do sends a raw request (path relative to the server) and returns the
// response with its body read. The response is checked against the spec.
func (s *Server) Do(method, path string, body string, header http.Header) (*http.Response, []byte) {
	s.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		s.t.Fatalf("apitest: %v", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := s.HTTP.Do(req)
	if err != nil {
		s.t.Fatalf("apitest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatalf("apitest: reading %s %s: %v", method, path, err)
	}
	return res, data
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

var (
	routerOnce sync.Once
	router     routers.Router
	routerErr  error
)

func specRouter(t testing.TB) routers.Router {
	routerOnce.Do(func() {
		var spec *openapi3.T
		spec, routerErr = api.GetSpec()
		if routerErr != nil {
			return
		}
		if routerErr = spec.Validate(context.Background()); routerErr != nil {
			return
		}
		spec.Servers = nil // match any host: the test server's port is random
		router, routerErr = legacy.NewRouter(spec)
	})
	if routerErr != nil {
		t.Fatalf("apitest: loading the embedded spec: %v", routerErr)
	}
	return router
}

// validatingTransport checks every response to an operation of the spec
// against that operation's documented responses: status, headers, content
// type and body schema.
type validatingTransport struct {
	t      testing.TB
	next   http.RoundTripper
	router routers.Router
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := v.next.RoundTrip(req)
	if err != nil {
		return res, err
	}
	route, params, ferr := v.router.FindRoute(req)
	if ferr != nil {
		// Not an operation of the spec (Swagger UI, an unknown route):
		// nothing to check against.
		return res, nil
	}
	data, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(data))
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: params, Route: route,
		},
		Status:  res.StatusCode,
		Header:  res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	input.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(req.Context(), input); err != nil {
		v.t.Errorf("response to %s %s (%s) does not match the contract: %v\nstatus %d body: %s",
			req.Method, req.URL.Path, route.Operation.OperationID, err, res.StatusCode, truncate(data))
	}
	return res, nil
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// SyncBuffer is a goroutine-safe buffer for captured logs.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// FreePort returns a loopback address with a port that was free a moment ago.
func FreePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("apitest: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
